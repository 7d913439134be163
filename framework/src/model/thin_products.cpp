// A kernel source: CMake builds it with the kernel flags (see core/libmvec.hpp).
#include "thin_products.hpp"

#include "by_size.hpp"
#include "core/libmvec.hpp"

// GCC 12 takes the vector arrays that to_lanes() fills whole for partly uninitialised in
// the cloned, inlined kernels (a false positive, also with the arrays zeroed first).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace nnlab::kernels {

namespace {

using arma::uword;

// Rows below which a column is too short to vectorise along: then samples go in lanes.
constexpr uword short_column = 4;
// Samples handled side by side, one per element of a GCC vector of 4 doubles or 8 floats
// (compiled to whatever registers each clone has).
template <class T> constexpr uword lanes = 32 / sizeof(T);
template <class T> struct LanesOf;
template <> struct LanesOf<double> { using type = double __attribute__((vector_size(32))); };
template <> struct LanesOf<float> { using type = float __attribute__((vector_size(32))); };
template <class T> using Lanes = typename LanesOf<T>::type;

// C(:, j) = c0 + sum_k A(:, k) B(k, j) for every column j, A column-major with leading
// dimension lda: long columns, vectorised along them, each element summed in a register
// and stored once (K = inner, a compile-time constant).
template <uword K, class T>
[[gnu::always_inline]] inline void column_product(const T* A, uword lda, const T* c0, const T* B,
                                                  T* C, uword rows, uword m) {
  for (uword j = 0; j < m; ++j) {
    T* __restrict Cj = C + j * rows;
    const T* Bj = B + j * K;
    for (uword r = 0; r < rows; ++r) {
      T acc = c0 ? c0[r] : T(0);
      for (uword k = 0; k < K; ++k)
        acc += A[k * lda + r] * Bj[k];
      Cj[r] = acc;
    }
  }
}

// Bt[k][l] = B(k, j + l), for B with K rows: `lanes` samples side by side. K is a
// compile-time constant in the kernels below, which is what lets GCC vectorise them.
template <uword K, class T>
[[gnu::always_inline]] inline void to_lanes(const T* B, uword j, Lanes<T>* Bt) {
  const T* Bj = B + j * K;
  for (uword k = 0; k < K; ++k)
    for (uword l = 0; l < lanes<T>; ++l)
      Bt[k][l] = Bj[l * K + k];
}

// The same product for few rows: `lanes` samples at a time, and the same order of
// summation. A(r, k) = A[r * rs + k * cs], so A may be W or W^T; K = inner.
template <uword K, class T>
[[gnu::always_inline]] inline void lanes_product(const T* A, uword rs, uword cs, const T* c0,
                                                 const T* B, T* C, uword rows, uword m) {
  constexpr uword n = lanes<T>;
  uword j = 0;
  for (; j + n <= m; j += n) {
    Lanes<T> Bt[K];
    to_lanes<K>(B, j, Bt);
    for (uword r = 0; r < rows; ++r) {
      Lanes<T> acc = Lanes<T>{} + (c0 ? c0[r] : T(0));
      for (uword k = 0; k < K; ++k)
        acc += A[r * rs + k * cs] * Bt[k];
      if (rows == 1) // an output layer's row: the lanes are contiguous, one vector store
        for (uword l = 0; l < n; ++l)
          C[j + l] = acc[l];
      else
        for (uword l = 0; l < n; ++l)
          C[(j + l) * rows + r] = acc[l];
    }
  }
  for (; j < m; ++j)
    for (uword r = 0; r < rows; ++r) {
      T acc = c0 ? c0[r] : T(0);
      for (uword k = 0; k < K; ++k)
        acc += A[r * rs + k * cs] * B[j * K + k];
      C[j * rows + r] = acc;
    }
}

// dW += sum_j D(:, j) A(:, j)^T for few rows (D has rows < short_column): per lane a
// partial sum over every lanes-th sample, the lanes then added in order, then the tail.
template <uword K, class T>
[[gnu::always_inline]] inline void lanes_outer_sum(const T* D, uword rows, const T* A, uword m,
                                                   T* dW) {
  constexpr uword n = lanes<T>;
  Lanes<T> acc[short_column * K] = {};
  uword j = 0;
  for (; j + n <= m; j += n) {
    Lanes<T> At[K];
    to_lanes<K>(A, j, At);
    for (uword r = 0; r < rows; ++r) {
      const T* Dj = D + j * rows;
      Lanes<T> Dr;
      for (uword l = 0; l < n; ++l)
        Dr[l] = Dj[l * rows + r];
      for (uword k = 0; k < K; ++k)
        acc[k * rows + r] += Dr * At[k];
    }
  }
  T tail[short_column * K] = {};
  for (; j < m; ++j)
    for (uword k = 0; k < K; ++k)
      for (uword r = 0; r < rows; ++r)
        tail[k * rows + r] += D[j * rows + r] * A[j * K + k];
  for (uword i = 0; i < rows * K; ++i) {
    T sum = T(0);
    for (uword l = 0; l < n; ++l)
      sum += acc[i][l];
    dW[i] += sum + tail[i];
  }
}

template <class T>
NNLAB_KERNEL void column_product(const T* A, uword lda, const T* c0, const T* B, uword inner, T* C,
                                 uword rows, uword m) {
#define NNLAB_CALL(K) column_product<K>(A, lda, c0, B, C, rows, m)
  NNLAB_BY_SIZE(inner, NNLAB_CALL)
#undef NNLAB_CALL
}

template <class T>
NNLAB_KERNEL void lanes_product(const T* A, uword rs, uword cs, const T* c0, const T* B,
                                uword inner, T* C, uword rows, uword m) {
#define NNLAB_CALL(K) lanes_product<K>(A, rs, cs, c0, B, C, rows, m)
  NNLAB_BY_SIZE(inner, NNLAB_CALL)
#undef NNLAB_CALL
}

template <class T>
NNLAB_KERNEL void lanes_outer_sum(const T* D, uword rows, const T* A, uword cols, uword m, T* dW) {
#define NNLAB_CALL(K) lanes_outer_sum<K>(D, rows, A, m, dW)
  NNLAB_BY_SIZE(cols, NNLAB_CALL)
#undef NNLAB_CALL
}

// dW += sum_j D(:, j) A(:, j)^T, one sample after another, along dW's columns: the
// samples' terms go onto dW as it is.
template <class T>
NNLAB_KERNEL void column_outer_sum(const T* D, uword rows, const T* A, uword cols, uword m, T* dW) {
  for (uword j = 0; j < m; ++j) {
    const T* __restrict Dj = D + j * rows;
    for (uword k = 0; k < cols; ++k) {
      const T x = A[j * cols + k];
      T* __restrict dWk = dW + k * rows;
      for (uword r = 0; r < rows; ++r)
        dWk[r] += Dj[r] * x;
    }
  }
}

template <class T> NNLAB_KERNEL void fill_columns_of(const T* b, T* z, uword rows, uword cols) {
  for (uword j = 0; j < cols; ++j) {
    T* __restrict to = z + j * rows;
    const T* __restrict from = b;
    for (uword r = 0; r < rows; ++r)
      to[r] = from[r];
  }
}

template <class T>
void thin_affine_of(const arma::Mat<T>& W, const arma::Col<T>& b, const arma::Mat<T>& a_prev,
                    arma::Mat<T>& z) {
  if (W.n_rows >= short_column)
    column_product(W.memptr(), W.n_rows, b.memptr(), a_prev.memptr(), W.n_cols, z.memptr(),
                   W.n_rows, a_prev.n_cols);
  else
    lanes_product(W.memptr(), 1, W.n_rows, b.memptr(), a_prev.memptr(), W.n_cols, z.memptr(),
                  W.n_rows, a_prev.n_cols);
}

template <class T>
void thin_weight_gradient_add_of(const arma::Mat<T>& delta, const arma::Mat<T>& a_prev,
                                 arma::Mat<T>& dW) {
  if (delta.n_rows >= short_column)
    column_outer_sum(delta.memptr(), delta.n_rows, a_prev.memptr(), a_prev.n_rows, delta.n_cols,
                     dW.memptr());
  else
    lanes_outer_sum(delta.memptr(), delta.n_rows, a_prev.memptr(), a_prev.n_rows, delta.n_cols,
                    dW.memptr());
}

template <class T>
void thin_input_gradient_of(const arma::Mat<T>& W, const arma::Mat<T>& delta,
                            arma::Mat<T>& dA_prev) {
  // W^T(k, r) = W(r, k): its columns are W's rows, contiguous only for a single row.
  if (W.n_rows == 1 && W.n_cols >= short_column)
    column_product(W.memptr(), W.n_cols, static_cast<const T*>(nullptr), delta.memptr(), 1,
                   dA_prev.memptr(), W.n_cols, delta.n_cols);
  else
    lanes_product(W.memptr(), W.n_rows, 1, static_cast<const T*>(nullptr), delta.memptr(), W.n_rows,
                  dA_prev.memptr(), W.n_cols, delta.n_cols);
}

} // namespace

void fill_columns(const arma::vec& b, arma::mat& z) {
  fill_columns_of(b.memptr(), z.memptr(), z.n_rows, z.n_cols);
}
void fill_columns(const arma::fvec& b, arma::fmat& z) {
  fill_columns_of(b.memptr(), z.memptr(), z.n_rows, z.n_cols);
}

void thin_affine(const arma::mat& W, const arma::vec& b, const arma::mat& a_prev, arma::mat& z) {
  thin_affine_of(W, b, a_prev, z);
}
void thin_affine(const arma::fmat& W, const arma::fvec& b, const arma::fmat& a_prev,
                 arma::fmat& z) {
  thin_affine_of(W, b, a_prev, z);
}

void thin_weight_gradient_add(const arma::mat& delta, const arma::mat& a_prev, arma::mat& dW) {
  thin_weight_gradient_add_of(delta, a_prev, dW);
}
void thin_weight_gradient_add(const arma::fmat& delta, const arma::fmat& a_prev, arma::fmat& dW) {
  thin_weight_gradient_add_of(delta, a_prev, dW);
}

void thin_input_gradient(const arma::mat& W, const arma::mat& delta, arma::mat& dA_prev) {
  thin_input_gradient_of(W, delta, dA_prev);
}
void thin_input_gradient(const arma::fmat& W, const arma::fmat& delta, arma::fmat& dA_prev) {
  thin_input_gradient_of(W, delta, dA_prev);
}

} // namespace nnlab::kernels
