#pragma once

// Private to model/ (not installed): the kernels of the layers' passes. Exported only so
// that their tests (tests/framework/model/sample_major_products_test.cpp) can call them.

#include <armadillo>

#include "nnlab/export.hpp"

namespace nnlab::kernels {

/// The products of a thin layer (at most thin_limit inputs and units) with its nodes stored
/// sample-major: At = a^T (samples x units), a column of contiguous samples per unit. For
/// a network of thin layers only, such as the course's 2-3-2-1, every loop of a pass then
/// runs along contiguous samples, where the feature-major nodes (units x samples, the
/// layout everywhere else) put the samples 1 to 8 values apart. Each sums in a fixed order,
/// so results are reproducible; they differ from thin_products.hpp's only by rounding
/// (tests/framework/model/sample_major_products_test.cpp: 1e-12 relative). Each comes in
/// double and in single precision (float32 networks).

/// Zt = At_prev W^T + 1 b^T, i.e. z = W a_prev + b per sample.
NNLAB_EXPORT void sample_major_affine(const arma::mat& W, const arma::vec& b,
                                      const arma::mat& At_prev, arma::mat& Zt);
NNLAB_EXPORT void sample_major_affine(const arma::fmat& W, const arma::fvec& b,
                                      const arma::fmat& At_prev, arma::fmat& Zt);

/// dW += Dt^T At_prev and db += Dt^T 1: a panel's sums delta a_prev^T and sum(delta, 1).
NNLAB_EXPORT void sample_major_gradient_add(const arma::mat& Dt, const arma::mat& At_prev,
                                            arma::mat& dW, arma::vec& db);
NNLAB_EXPORT void sample_major_gradient_add(const arma::fmat& Dt, const arma::fmat& At_prev,
                                            arma::fmat& dW, arma::fvec& db);

/// dAt_prev = Dt W, i.e. dA_prev = W^T delta per sample.
NNLAB_EXPORT void sample_major_input_gradient(const arma::mat& W, const arma::mat& Dt,
                                              arma::mat& dAt_prev);
NNLAB_EXPORT void sample_major_input_gradient(const arma::fmat& W, const arma::fmat& Dt,
                                              arma::fmat& dAt_prev);

} // namespace nnlab::kernels
