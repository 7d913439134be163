#pragma once

// Private to model/ (not installed): the kernels of the layers' passes. Exported only so
// that their tests (tests/framework/model/thin_products_test.cpp) can call them.

#include <armadillo>

#include "nnlab/export.hpp"

namespace nnlab::kernels {

/// The matrix products of a dense layer when one side is thin (a few units or inputs),
/// written as loops: for the course's 2-3-2-1 net a BLAS call costs ~3 us of setup and
/// packing for ~6,000 multiply-adds. Samples are columns, as everywhere.
/// Each sums in a fixed order, so results are reproducible; they differ from BLAS's only
/// by rounding (tests/framework/model/thin_products_test.cpp: 1e-12 relative). Each comes
/// in double and in single precision (float32 networks), with the same order of sums.

/// Products with at most this many inner terms are thin (the loops are compiled for each
/// inner size up to it).
inline constexpr arma::uword thin_limit = 8;

/// z = W a_prev + b (the forward product), for n_in <= thin_limit.
NNLAB_EXPORT void thin_affine(const arma::mat& W, const arma::vec& b, const arma::mat& a_prev,
                              arma::mat& z);
NNLAB_EXPORT void thin_affine(const arma::fmat& W, const arma::fvec& b, const arma::fmat& a_prev,
                              arma::fmat& z);

/// dW += delta a_prev^T (a panel's share of the weight gradient), for n_in <= thin_limit.
NNLAB_EXPORT void thin_weight_gradient_add(const arma::mat& delta, const arma::mat& a_prev,
                                           arma::mat& dW);
NNLAB_EXPORT void thin_weight_gradient_add(const arma::fmat& delta, const arma::fmat& a_prev,
                                           arma::fmat& dW);

/// z(:, j) = b for every column: where the wide layers' z = W a_prev + b starts, before
/// one GEMM adds W a_prev onto it (inline: a memcpy per column costs more for short ones).
NNLAB_EXPORT void fill_columns(const arma::vec& b, arma::mat& z);
NNLAB_EXPORT void fill_columns(const arma::fvec& b, arma::fmat& z);

/// dA_prev = W^T delta (the gradient passed down), for n_out <= thin_limit.
NNLAB_EXPORT void thin_input_gradient(const arma::mat& W, const arma::mat& delta,
                                      arma::mat& dA_prev);
NNLAB_EXPORT void thin_input_gradient(const arma::fmat& W, const arma::fmat& delta,
                                      arma::fmat& dA_prev);

} // namespace nnlab::kernels
