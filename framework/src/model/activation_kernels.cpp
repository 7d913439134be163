// A kernel source: CMake builds it with the kernel flags (see core/libmvec.hpp).
#include "activation_kernels.hpp"

#include <cstring>

#include "core/libmvec.hpp"
#include "expm1_negative.hpp"

namespace nnlab::kernels {

namespace {

using Kind = Activation::Kind;
using arma::uword;

// tanh(z) = copysign(-u / (u + 2), z) with u = expm1(-2|z|), glibc's own formula: no
// cancellation for small |z|, and u -> -1 gives exactly 1 for large |z| (below -40, u is
// -1 in double anyway, which keeps expm1_negative's exponent in range); NaN stays NaN.
NNLAB_KERNEL void tanh_sweep(const double* __restrict z, double* __restrict a, uword n) {
  for (uword i = 0; i < n; ++i) {
    const double t = -2.0 * std::fabs(z[i]);
    const double u = expm1_negative(t < -40.0 ? -40.0 : t);
    a[i] = std::copysign(-u / (u + 2.0), z[i]);
  }
}

NNLAB_KERNEL void sigmoid_sweep(const double* __restrict z, double* __restrict a, uword n) {
  for (uword i = 0; i < n; ++i)
    a[i] = 1.0 / (1.0 + exp(-z[i]));
}

NNLAB_KERNEL void relu_sweep(const double* __restrict z, double* __restrict a, uword n) {
  for (uword i = 0; i < n; ++i)
    a[i] = z[i] > 0.0 ? z[i] : 0.0;
}

NNLAB_KERNEL void leaky_relu_sweep(const double* __restrict z, double* __restrict a, uword n,
                                   double slope) {
  for (uword i = 0; i < n; ++i)
    a[i] = z[i] > 0.0 ? z[i] : slope * z[i];
}

// Shifting each column by its maximum keeps exp() finite; the result is unchanged.
NNLAB_KERNEL void softmax_sweep(const double* __restrict z, double* __restrict a, uword n_rows,
                                uword n_cols) {
  for (uword j = 0; j < n_cols; ++j) {
    const double* zj = z + j * n_rows;
    double* aj = a + j * n_rows;
    double shift = zj[0];
    for (uword i = 1; i < n_rows; ++i)
      shift = zj[i] > shift ? zj[i] : shift;
    for (uword i = 0; i < n_rows; ++i)
      aj[i] = exp(zj[i] - shift);
    double total = 0.0;
    for (uword i = 0; i < n_rows; ++i)
      total += aj[i];
    for (uword i = 0; i < n_rows; ++i)
      aj[i] /= total;
  }
}

// Rows below which a column is too short to vectorise along.
constexpr uword short_column = 4;

// row_sums = sum(delta, 1) for a few rows: four partial sums per row (every fourth
// column), added in order at the end, instead of one chain of dependent additions.
inline void short_row_sums(const double* delta, uword n_rows, uword n_cols, double* row_sums) {
  for (uword i = 0; i < n_rows; ++i) {
    double part[4] = {0.0, 0.0, 0.0, 0.0};
    uword j = 0;
    for (; j + 4 <= n_cols; j += 4)
      for (uword l = 0; l < 4; ++l)
        part[l] += delta[(j + l) * n_rows + i];
    for (; j < n_cols; ++j)
      part[0] += delta[j * n_rows + i];
    row_sums[i] = (part[0] + part[1]) + (part[2] + part[3]);
  }
}

// delta = dA % f'(a) and, when given, row_sums = sum(delta, 1): for long columns in the
// same sweep, column after column as arma::sum adds them; for short ones after it.
template <class Derivative>
[[gnu::always_inline]] inline void
backward_sweep(const double* __restrict a, const double* __restrict dA, double* __restrict delta,
               uword n_rows, uword n_cols, double* __restrict row_sums, Derivative fprime) {
  if (!row_sums || n_rows < short_column) {
    for (uword i = 0; i < n_rows * n_cols; ++i)
      delta[i] = fprime(a[i], dA[i]);
    if (row_sums) short_row_sums(delta, n_rows, n_cols, row_sums);
    return;
  }
  for (uword i = 0; i < n_rows; ++i)
    row_sums[i] = 0.0;
  for (uword j = 0; j < n_cols; ++j)
    for (uword i = 0; i < n_rows; ++i) {
      const uword k = j * n_rows + i;
      delta[k] = fprime(a[k], dA[k]);
      row_sums[i] += delta[k];
    }
}

NNLAB_KERNEL void tanh_backward(const double* a, const double* dA, double* delta, uword n_rows,
                                uword n_cols, double* row_sums) {
  backward_sweep(a, dA, delta, n_rows, n_cols, row_sums,
                 [](double ai, double dAi) { return dAi * (1.0 - ai * ai); });
}

NNLAB_KERNEL void sigmoid_backward(const double* a, const double* dA, double* delta, uword n_rows,
                                   uword n_cols, double* row_sums) {
  backward_sweep(a, dA, delta, n_rows, n_cols, row_sums,
                 [](double ai, double dAi) { return dAi * ai * (1.0 - ai); });
}

// a > 0 exactly where z > 0 (for leaky_relu, slope >= 0 keeps the sign).
NNLAB_KERNEL void relu_backward(const double* a, const double* dA, double* delta, uword n_rows,
                                uword n_cols, double* row_sums) {
  backward_sweep(a, dA, delta, n_rows, n_cols, row_sums,
                 [](double ai, double dAi) { return ai > 0.0 ? dAi : 0.0; });
}

NNLAB_KERNEL void leaky_relu_backward(const double* a, const double* dA, double* delta,
                                      uword n_rows, uword n_cols, double* row_sums, double slope) {
  backward_sweep(a, dA, delta, n_rows, n_cols, row_sums,
                 [slope](double ai, double dAi) { return ai > 0.0 ? dAi : slope * dAi; });
}

NNLAB_KERNEL void identity_backward(const double* a, const double* dA, double* delta, uword n_rows,
                                    uword n_cols, double* row_sums) {
  backward_sweep(a, dA, delta, n_rows, n_cols, row_sums, [](double, double dAi) { return dAi; });
}

// Jacobian of softmax: da_i/dz_k = a_i (1[i=k] - a_k), so delta = a % (dA - a^T dA).
void softmax_backward(const double* a, const double* dA, double* delta, uword n_rows, uword n_cols,
                      double* row_sums) {
  if (row_sums)
    for (uword i = 0; i < n_rows; ++i)
      row_sums[i] = 0.0;
  for (uword j = 0; j < n_cols; ++j) {
    const uword first = j * n_rows;
    double dot = 0.0;
    for (uword i = 0; i < n_rows; ++i)
      dot += a[first + i] * dA[first + i];
    for (uword i = 0; i < n_rows; ++i) {
      delta[first + i] = a[first + i] * (dA[first + i] - dot);
      if (row_sums) row_sums[i] += delta[first + i];
    }
  }
}

} // namespace

void activation_forward(const Activation& f, const double* z, double* a, uword n_rows,
                        uword n_cols) {
  const uword n = n_rows * n_cols;
  switch (f.kind()) {
  case Kind::tanh: tanh_sweep(z, a, n); return;
  case Kind::sigmoid: sigmoid_sweep(z, a, n); return;
  case Kind::relu: relu_sweep(z, a, n); return;
  case Kind::leaky_relu: leaky_relu_sweep(z, a, n, f.slope()); return;
  case Kind::identity:
    if (n > 0 && a != z) std::memcpy(a, z, n * sizeof(double));
    return;
  case Kind::softmax: softmax_sweep(z, a, n_rows, n_cols); return;
  }
}

void activation_backward(const Activation& f, const double* a, const double* dA, double* delta,
                         uword n_rows, uword n_cols, double* row_sums) {
  switch (f.kind()) {
  case Kind::tanh: tanh_backward(a, dA, delta, n_rows, n_cols, row_sums); return;
  case Kind::sigmoid: sigmoid_backward(a, dA, delta, n_rows, n_cols, row_sums); return;
  case Kind::relu: relu_backward(a, dA, delta, n_rows, n_cols, row_sums); return;
  case Kind::leaky_relu:
    leaky_relu_backward(a, dA, delta, n_rows, n_cols, row_sums, f.slope());
    return;
  case Kind::identity: identity_backward(a, dA, delta, n_rows, n_cols, row_sums); return;
  case Kind::softmax: softmax_backward(a, dA, delta, n_rows, n_cols, row_sums); return;
  }
}

} // namespace nnlab::kernels
