#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nnlab/plugin.hpp>

namespace nnlab_datasets {

/// The train/test split of the scikit-learn-style generators (moons, circles, blobs,
/// classification, gaussian_quantiles) when `shuffle: false` keeps the samples in
/// generation order, class by class: the test set is n_test samples spread evenly over
/// that order, at positions
///   floor((2 j + 1) n / (2 n_test)),  j = 0 .. n_test - 1,
/// and the train set is the rest; both keep generation order. Neighbouring positions are
/// floor or ceil of n / n_test apart, so every class block at least ceil(n / n_test) long
/// has a test sample.
inline nnlab::DataSplit split_spread(const arma::mat& X, const arma::rowvec& y, arma::uword n_test,
                                     std::vector<std::string> feature_names,
                                     std::vector<std::string> class_names) {
  const arma::uword n = X.n_cols;
  arma::uvec is_test(n, arma::fill::zeros);
  for (arma::uword j = 0; j < n_test; ++j)
    is_test[(2 * j + 1) * n / (2 * n_test)] = 1;
  const arma::uvec test = arma::find(is_test);
  const arma::uvec train = arma::find(is_test == 0);

  nnlab::DataSplit split;
  split.test = {X.cols(test), y.cols(test)};
  split.train = {X.cols(train), y.cols(train)};
  split.feature_names = std::move(feature_names);
  split.class_names = std::move(class_names);
  return split;
}

} // namespace nnlab_datasets
