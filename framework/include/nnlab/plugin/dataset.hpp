#pragma once

#include <armadillo>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/core/scaler.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/plugin_base.hpp"

namespace nnlab {

class PluginConfig;

/// Samples as columns: X is features x m; y holds each sample's class, 0..k-1.
struct Samples {
  arma::mat X;
  arma::rowvec y;
};

/// What a dataset gives: a train and a test split with the same features and classes,
/// and optionally a validation split (a dataset's own validation file, or the part of the
/// training set that training.validation_fraction holds out).
struct DataSplit {
  Samples train;
  Samples test;
  std::vector<std::string> feature_names;
  std::vector<std::string> class_names; ///< k names; class c is y == c
  /// Empty (no samples): no validation set. Early stopping and the adaptive schedule then
  /// watch it by default, and the test set is only reported.
  Samples valid{};
  /// The standardisation the dataset applied to the features of every set (the train set's
  /// z-score, say); empty when the features are as read or generated. Stored with each run,
  /// so that `runner predict` and the exported networks apply it to new data.
  Scaler scaler;
};

/// A source of data: a file reader or a generator. Settings (paths, seed, sizes) come
/// from the constructor's PluginConfig; load() does the work and is deterministic.
class NNLAB_EXPORT Dataset : public Plugin {
public:
  ~Dataset() override;

  virtual DataSplit load() const = 0;
};

/// For generators: round(n * test_fraction), with `test_fraction` read from the block
/// and checked to lie in (0, 1) and to leave at least one sample on each side
/// (ConfigError at dataset.test_fraction otherwise).
NNLAB_EXPORT arma::uword test_count(const PluginConfig& config, arma::uword n);

/// For generators whose samples are i.i.d. or already shuffled: the first n_test
/// columns are the test set, the rest the train set.
NNLAB_EXPORT DataSplit split_first(const arma::mat& X, const arma::rowvec& y, arma::uword n_test,
                                   std::vector<std::string> feature_names,
                                   std::vector<std::string> class_names);

/// Checks a split's consistency (shapes, finite features, labels in 0..k-1, train and test
/// non-empty; the same for the validation split when it has samples; a scaler with one
/// finite mean and one finite positive scale per feature) and throws DataError
/// "<source>: ..." otherwise.
NNLAB_EXPORT void check_split(const DataSplit& split, std::string_view source);

} // namespace nnlab
