#pragma once

#include <armadillo>

#include "nnlab/export.hpp"

namespace nnlab {

/// Targets for a network with n_outputs outputs from class labels 0..k-1: the labels
/// themselves (1 x m) for one output, one-hot columns (n_outputs x m) for several.
NNLAB_EXPORT arma::mat make_targets(const arma::rowvec& labels, arma::uword n_outputs);

/// Fraction of columns classified right: output > 0.5 for one output, the argmax of the
/// column for several.
NNLAB_EXPORT double accuracy(const arma::mat& output, const arma::rowvec& labels);

/// The predicted class of each column (same rule as accuracy()).
NNLAB_EXPORT arma::urowvec predict(const arma::mat& output);

} // namespace nnlab
