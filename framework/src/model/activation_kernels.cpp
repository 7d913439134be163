// A kernel source: CMake builds it with the kernel flags (see core/libmvec.hpp).
#include "activation_kernels.hpp"

#include <cstring>

#include "core/libmvec.hpp"
#include "expm1_negative.hpp"

namespace nnlab::kernels {

namespace {

using Kind = Activation::Kind;
using arma::uword;

// glibc's exp and expf: after inlining, GCC's vectoriser calls their libmvec variants.
[[gnu::always_inline]] inline double exp_of(double x) {
  return exp(x);
}
[[gnu::always_inline]] inline float exp_of(float x) {
  return expf(x);
}

// Below this, expm1(t) is -1 in T anyway (double: -40, float: -20), which keeps
// expm1_negative's exponent in range.
template <class T> constexpr T expm1_floor = sizeof(T) == sizeof(double) ? T(-40) : T(-20);

// tanh(z) = copysign(-u / (u + 2), z) with u = expm1(-2|z|), glibc's own formula: no
// cancellation for small |z|, and u -> -1 gives exactly 1 for large |z|; NaN stays NaN.
template <class T> NNLAB_KERNEL void tanh_sweep(const T* __restrict z, T* __restrict a, uword n) {
  for (uword i = 0; i < n; ++i) {
    const T t = T(-2) * std::fabs(z[i]);
    const T u = expm1_negative(t < expm1_floor<T> ? expm1_floor<T> : t);
    a[i] = std::copysign(-u / (u + T(2)), z[i]);
  }
}

template <class T>
NNLAB_KERNEL void sigmoid_sweep(const T* __restrict z, T* __restrict a, uword n) {
  for (uword i = 0; i < n; ++i)
    a[i] = T(1) / (T(1) + exp_of(-z[i]));
}

template <class T> NNLAB_KERNEL void relu_sweep(const T* __restrict z, T* __restrict a, uword n) {
  for (uword i = 0; i < n; ++i)
    a[i] = z[i] > T(0) ? z[i] : T(0);
}

template <class T>
NNLAB_KERNEL void leaky_relu_sweep(const T* __restrict z, T* __restrict a, uword n, T slope) {
  for (uword i = 0; i < n; ++i)
    a[i] = z[i] > T(0) ? z[i] : slope * z[i];
}

// Shifting each column by its maximum keeps exp() finite; the result is unchanged.
template <class T>
NNLAB_KERNEL void softmax_sweep(const T* __restrict z, T* __restrict a, uword n_rows,
                                uword n_cols) {
  for (uword j = 0; j < n_cols; ++j) {
    const T* zj = z + j * n_rows;
    T* aj = a + j * n_rows;
    T shift = zj[0];
    for (uword i = 1; i < n_rows; ++i)
      shift = zj[i] > shift ? zj[i] : shift;
    for (uword i = 0; i < n_rows; ++i)
      aj[i] = exp_of(zj[i] - shift);
    T total = T(0);
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
template <class T>
inline void short_row_sums(const T* delta, uword n_rows, uword n_cols, T* row_sums) {
  for (uword i = 0; i < n_rows; ++i) {
    T part[4] = {T(0), T(0), T(0), T(0)};
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
template <class T, class Derivative>
[[gnu::always_inline]] inline void backward_sweep(const T* __restrict a, const T* __restrict dA,
                                                  T* __restrict delta, uword n_rows, uword n_cols,
                                                  T* __restrict row_sums, Derivative fprime) {
  if (!row_sums || n_rows < short_column) {
    for (uword i = 0; i < n_rows * n_cols; ++i)
      delta[i] = fprime(a[i], dA[i]);
    if (row_sums) short_row_sums(delta, n_rows, n_cols, row_sums);
    return;
  }
  for (uword i = 0; i < n_rows; ++i)
    row_sums[i] = T(0);
  for (uword j = 0; j < n_cols; ++j)
    for (uword i = 0; i < n_rows; ++i) {
      const uword k = j * n_rows + i;
      delta[k] = fprime(a[k], dA[k]);
      row_sums[i] += delta[k];
    }
}

template <class T>
NNLAB_KERNEL void tanh_backward(const T* a, const T* dA, T* delta, uword n_rows, uword n_cols,
                                T* row_sums) {
  backward_sweep(a, dA, delta, n_rows, n_cols, row_sums,
                 [](T ai, T dAi) { return dAi * (T(1) - ai * ai); });
}

template <class T>
NNLAB_KERNEL void sigmoid_backward(const T* a, const T* dA, T* delta, uword n_rows, uword n_cols,
                                   T* row_sums) {
  backward_sweep(a, dA, delta, n_rows, n_cols, row_sums,
                 [](T ai, T dAi) { return dAi * ai * (T(1) - ai); });
}

// a > 0 exactly where z > 0 (for leaky_relu, slope >= 0 keeps the sign).
template <class T>
NNLAB_KERNEL void relu_backward(const T* a, const T* dA, T* delta, uword n_rows, uword n_cols,
                                T* row_sums) {
  backward_sweep(a, dA, delta, n_rows, n_cols, row_sums,
                 [](T ai, T dAi) { return ai > T(0) ? dAi : T(0); });
}

template <class T>
NNLAB_KERNEL void leaky_relu_backward(const T* a, const T* dA, T* delta, uword n_rows, uword n_cols,
                                      T* row_sums, T slope) {
  backward_sweep(a, dA, delta, n_rows, n_cols, row_sums,
                 [slope](T ai, T dAi) { return ai > T(0) ? dAi : slope * dAi; });
}

template <class T>
NNLAB_KERNEL void identity_backward(const T* a, const T* dA, T* delta, uword n_rows, uword n_cols,
                                    T* row_sums) {
  backward_sweep(a, dA, delta, n_rows, n_cols, row_sums, [](T, T dAi) { return dAi; });
}

// Jacobian of softmax: da_i/dz_k = a_i (1[i=k] - a_k), so delta = a % (dA - a^T dA).
template <class T>
void softmax_backward(const T* a, const T* dA, T* delta, uword n_rows, uword n_cols, T* row_sums) {
  if (row_sums)
    for (uword i = 0; i < n_rows; ++i)
      row_sums[i] = T(0);
  for (uword j = 0; j < n_cols; ++j) {
    const uword first = j * n_rows;
    T dot = T(0);
    for (uword i = 0; i < n_rows; ++i)
      dot += a[first + i] * dA[first + i];
    for (uword i = 0; i < n_rows; ++i) {
      delta[first + i] = a[first + i] * (dA[first + i] - dot);
      if (row_sums) row_sums[i] += delta[first + i];
    }
  }
}

template <class T>
void forward_of(const Activation& f, const T* z, T* a, uword n_rows, uword n_cols) {
  const uword n = n_rows * n_cols;
  switch (f.kind()) {
  case Kind::tanh: tanh_sweep(z, a, n); return;
  case Kind::sigmoid: sigmoid_sweep(z, a, n); return;
  case Kind::relu: relu_sweep(z, a, n); return;
  case Kind::leaky_relu: leaky_relu_sweep(z, a, n, static_cast<T>(f.slope())); return;
  case Kind::identity:
    if (n > 0 && a != z) std::memcpy(a, z, n * sizeof(T));
    return;
  case Kind::softmax: softmax_sweep(z, a, n_rows, n_cols); return;
  }
}

template <class T>
void backward_of(const Activation& f, const T* a, const T* dA, T* delta, uword n_rows, uword n_cols,
                 T* row_sums) {
  switch (f.kind()) {
  case Kind::tanh: tanh_backward(a, dA, delta, n_rows, n_cols, row_sums); return;
  case Kind::sigmoid: sigmoid_backward(a, dA, delta, n_rows, n_cols, row_sums); return;
  case Kind::relu: relu_backward(a, dA, delta, n_rows, n_cols, row_sums); return;
  case Kind::leaky_relu:
    leaky_relu_backward(a, dA, delta, n_rows, n_cols, row_sums, static_cast<T>(f.slope()));
    return;
  case Kind::identity: identity_backward(a, dA, delta, n_rows, n_cols, row_sums); return;
  case Kind::softmax: softmax_backward(a, dA, delta, n_rows, n_cols, row_sums); return;
  }
}

} // namespace

void activation_forward(const Activation& f, const double* z, double* a, uword n_rows,
                        uword n_cols) {
  forward_of(f, z, a, n_rows, n_cols);
}

void activation_forward(const Activation& f, const float* z, float* a, uword n_rows, uword n_cols) {
  forward_of(f, z, a, n_rows, n_cols);
}

void activation_backward(const Activation& f, const double* a, const double* dA, double* delta,
                         uword n_rows, uword n_cols, double* row_sums) {
  backward_of(f, a, dA, delta, n_rows, n_cols, row_sums);
}

void activation_backward(const Activation& f, const float* a, const float* dA, float* delta,
                         uword n_rows, uword n_cols, float* row_sums) {
  backward_of(f, a, dA, delta, n_rows, n_cols, row_sums);
}

} // namespace nnlab::kernels
