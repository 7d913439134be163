#pragma once

// Private to model/ (not installed): the kernels of the layers' passes. Exported only so
// that their tests (tests/framework/model/activation_kernels_test.cpp) can call them.

#include <armadillo>

#include "nnlab/export.hpp"
#include "nnlab/model/activation.hpp"

namespace nnlab::kernels {

/// The activations' elementwise sweeps over an n_rows x n_cols column-major matrix (a
/// layer's units x samples), one pass each, vectorised (glibc's libmvec for exp; tanh
/// through an inline expm1).
/// They compute Activation's formulas; only the last bits of tanh and exp may differ
/// from std::tanh and std::exp (tests/framework/model/activation_kernels_test.cpp holds
/// them to 1e-12 relative of the plain Armadillo expressions, NaN and Inf included).

/// a = f(z); softmax normalises each column. a may be z (in place).
NNLAB_EXPORT void activation_forward(const Activation& f, const double* z, double* a,
                                     arma::uword n_rows, arma::uword n_cols);
/// The same in single precision (float32 networks: the same formulas in float, tanh
/// through a float expm1, exp through libmvec's expf; within a few ulp of float's
/// std::tanh and std::exp).
NNLAB_EXPORT void activation_forward(const Activation& f, const float* z, float* a,
                                     arma::uword n_rows, arma::uword n_cols);

/// delta = dA % f'(z) from the stored a = f(z) (softmax: delta = a % (dA - a^T dA) per
/// column) and, when row_sums is given, row_sums = sum(delta, 1) (the bias gradient),
/// summed column after column as arma::sum does in the same sweep, or for fewer than 4
/// rows as four interleaved partial sums per row right after it.
NNLAB_EXPORT void activation_backward(const Activation& f, const double* a, const double* dA,
                                      double* delta, arma::uword n_rows, arma::uword n_cols,
                                      double* row_sums = nullptr);
NNLAB_EXPORT void activation_backward(const Activation& f, const float* a, const float* dA,
                                      float* delta, arma::uword n_rows, arma::uword n_cols,
                                      float* row_sums = nullptr);

} // namespace nnlab::kernels
