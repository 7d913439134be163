#pragma once

#include <armadillo>

#include "nnlab/export.hpp"

namespace nnlab {

/// The standardisation a dataset applied to its features, kept with every run so that new
/// data can be given to the trained network in the units it was trained on:
///   x' = (x - mean) / scale,   per feature (row of X)
/// Empty (no values) is the identity: features used as they are.
struct NNLAB_EXPORT Scaler {
  arma::vec mean;
  arma::vec scale;

  bool empty() const { return mean.is_empty() && scale.is_empty(); }
  /// The z-score of X's rows (features x samples) as scikit-learn's StandardScaler computes
  /// it: mean and standard deviation with 1/m; a feature with a single value keeps scale 1.
  static Scaler fit(const arma::mat& X);
  /// X = (X - mean) / scale, column by column, in place (nothing when empty). Every
  /// standardisation goes through here, so that a dataset and `runner predict` give the
  /// network the same bits. Throws std::invalid_argument when X has another number of rows.
  void apply(arma::mat& X) const;
};

} // namespace nnlab
