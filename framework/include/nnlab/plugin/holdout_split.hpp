#pragma once

#include <armadillo>
#include <cstdint>
#include <string>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// How one set of samples is split into train and test (the csv plugin's `test_fraction`,
/// `stratify`, `shuffle`, `seed`; the core's validation split holds out
/// training.validation_fraction of the training set the same way).
struct HoldoutPlan {
  double test_fraction = 0.25; ///< in (0, 1)
  bool stratify = true;
  bool shuffle = true;
  std::uint64_t seed = 0;
};

/// Sample indices of each side, ascending (both sides keep the samples' order).
struct Holdout {
  arma::uvec train;
  arma::uvec test;
};

/// Splits m samples with classes y (0..k-1, k = class_names.size()) as scikit-learn's
/// train_test_split(test_size, shuffle, stratify=y) does:
/// - n_test = round(m test_fraction) samples go to the test set;
/// - stratify: class c gives t_c test samples, n_test n_c / m rounded so that the t_c add
///   up to n_test (largest remainders, ties to the smaller class index), then moved by one
///   where needed so that every class has at least one sample on each side;
/// - shuffle: the test samples (of each class, with stratify) are drawn at random from an
///   Rng seeded with `seed`; without shuffle they are spread evenly over the samples' order
///   (positions floor((2 j + 1) n / (2 t)), j = 0..t-1, of the n candidates), so the split
///   is still representative of data sorted by class.
/// Throws DataError "<source>: ..." when a side would be empty or, with stratify, a class
/// has fewer than 2 samples or a side has fewer samples than there are classes.
NNLAB_EXPORT Holdout holdout_split(const arma::rowvec& y,
                                   const std::vector<std::string>& class_names,
                                   const HoldoutPlan& plan, const std::string& source);

} // namespace nnlab
