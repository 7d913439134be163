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
// Samples handled side by side, one per element of a GCC vector (compiled to whatever
// registers each clone has).
constexpr uword lanes = 4;
using Lanes = double __attribute__((vector_size(lanes * sizeof(double))));

// C(:, j) = c0 + sum_k A(:, k) B(k, j) for every column j, A column-major with leading
// dimension lda: long columns, vectorised along them, each element summed in a register
// and stored once (K = inner, a compile-time constant).
template <uword K>
[[gnu::always_inline]] inline void column_product(const double* A, uword lda, const double* c0,
                                                  const double* B, double* C, uword rows, uword m) {
  for (uword j = 0; j < m; ++j) {
    double* __restrict Cj = C + j * rows;
    const double* Bj = B + j * K;
    for (uword r = 0; r < rows; ++r) {
      double acc = c0 ? c0[r] : 0.0;
      for (uword k = 0; k < K; ++k)
        acc += A[k * lda + r] * Bj[k];
      Cj[r] = acc;
    }
  }
}

// Bt[k][l] = B(k, j + l), for B with K rows: `lanes` samples side by side. K is a
// compile-time constant in the kernels below, which is what lets GCC vectorise them.
template <uword K>
[[gnu::always_inline]] inline void to_lanes(const double* B, uword j, Lanes* Bt) {
  static_assert(lanes == 4);
  const double* Bj = B + j * K;
  for (uword k = 0; k < K; ++k)
    Bt[k] = Lanes{Bj[k], Bj[K + k], Bj[2 * K + k], Bj[3 * K + k]};
}

// The same product for few rows: `lanes` samples at a time, and the same order of
// summation. A(r, k) = A[r * rs + k * cs], so A may be W or W^T; K = inner.
template <uword K>
[[gnu::always_inline]] inline void lanes_product(const double* A, uword rs, uword cs,
                                                 const double* c0, const double* B, double* C,
                                                 uword rows, uword m) {
  uword j = 0;
  for (; j + lanes <= m; j += lanes) {
    Lanes Bt[K];
    to_lanes<K>(B, j, Bt);
    for (uword r = 0; r < rows; ++r) {
      Lanes acc = Lanes{} + (c0 ? c0[r] : 0.0);
      for (uword k = 0; k < K; ++k)
        acc += A[r * rs + k * cs] * Bt[k];
      if (rows == 1) // an output layer's row: the lanes are contiguous, one vector store
        for (uword l = 0; l < lanes; ++l)
          C[j + l] = acc[l];
      else
        for (uword l = 0; l < lanes; ++l)
          C[(j + l) * rows + r] = acc[l];
    }
  }
  for (; j < m; ++j)
    for (uword r = 0; r < rows; ++r) {
      double acc = c0 ? c0[r] : 0.0;
      for (uword k = 0; k < K; ++k)
        acc += A[r * rs + k * cs] * B[j * K + k];
      C[j * rows + r] = acc;
    }
}

// dW += sum_j D(:, j) A(:, j)^T for few rows (D has rows < short_column): per lane a
// partial sum over every lanes-th sample, the lanes then added in order, then the tail.
template <uword K>
[[gnu::always_inline]] inline void lanes_outer_sum(const double* D, uword rows, const double* A,
                                                   uword m, double* dW) {
  Lanes acc[short_column * K] = {};
  uword j = 0;
  for (; j + lanes <= m; j += lanes) {
    Lanes At[K];
    to_lanes<K>(A, j, At);
    for (uword r = 0; r < rows; ++r) {
      const double* Dj = D + j * rows;
      const Lanes Dr{Dj[r], Dj[rows + r], Dj[2 * rows + r], Dj[3 * rows + r]};
      for (uword k = 0; k < K; ++k)
        acc[k * rows + r] += Dr * At[k];
    }
  }
  double tail[short_column * K] = {};
  for (; j < m; ++j)
    for (uword k = 0; k < K; ++k)
      for (uword r = 0; r < rows; ++r)
        tail[k * rows + r] += D[j * rows + r] * A[j * K + k];
  for (uword i = 0; i < rows * K; ++i) {
    double sum = 0.0;
    for (uword l = 0; l < lanes; ++l)
      sum += acc[i][l];
    dW[i] += sum + tail[i];
  }
}

NNLAB_KERNEL void column_product(const double* A, uword lda, const double* c0, const double* B,
                                 uword inner, double* C, uword rows, uword m){
#define NNLAB_CALL(K) column_product<K>(A, lda, c0, B, C, rows, m)
    NNLAB_BY_SIZE(inner, NNLAB_CALL)
#undef NNLAB_CALL
}

NNLAB_KERNEL void lanes_product(const double* A, uword rs, uword cs, const double* c0,
                                const double* B, uword inner, double* C, uword rows, uword m){
#define NNLAB_CALL(K) lanes_product<K>(A, rs, cs, c0, B, C, rows, m)
    NNLAB_BY_SIZE(inner, NNLAB_CALL)
#undef NNLAB_CALL
}

NNLAB_KERNEL void lanes_outer_sum(const double* D, uword rows, const double* A, uword cols, uword m,
                                  double* dW){
#define NNLAB_CALL(K) lanes_outer_sum<K>(D, rows, A, m, dW)
    NNLAB_BY_SIZE(cols, NNLAB_CALL)
#undef NNLAB_CALL
}

// dW += sum_j D(:, j) A(:, j)^T, one sample after another, along dW's columns: the
// samples' terms go onto dW as it is.
NNLAB_KERNEL void column_outer_sum(const double* D, uword rows, const double* A, uword cols,
                                   uword m, double* dW) {
  for (uword j = 0; j < m; ++j) {
    const double* __restrict Dj = D + j * rows;
    for (uword k = 0; k < cols; ++k) {
      const double x = A[j * cols + k];
      double* __restrict dWk = dW + k * rows;
      for (uword r = 0; r < rows; ++r)
        dWk[r] += Dj[r] * x;
    }
  }
}

} // namespace

NNLAB_KERNEL void fill_columns(const arma::vec& b, arma::mat& z) {
  const uword rows = z.n_rows;
  const double* __restrict from = b.memptr();
  for (uword j = 0; j < z.n_cols; ++j) {
    double* __restrict to = z.colptr(j);
    for (uword r = 0; r < rows; ++r)
      to[r] = from[r];
  }
}

void thin_affine(const arma::mat& W, const arma::vec& b, const arma::mat& a_prev, arma::mat& z) {
  if (W.n_rows >= short_column)
    column_product(W.memptr(), W.n_rows, b.memptr(), a_prev.memptr(), W.n_cols, z.memptr(),
                   W.n_rows, a_prev.n_cols);
  else
    lanes_product(W.memptr(), 1, W.n_rows, b.memptr(), a_prev.memptr(), W.n_cols, z.memptr(),
                  W.n_rows, a_prev.n_cols);
}

void thin_weight_gradient_add(const arma::mat& delta, const arma::mat& a_prev, arma::mat& dW) {
  if (delta.n_rows >= short_column)
    column_outer_sum(delta.memptr(), delta.n_rows, a_prev.memptr(), a_prev.n_rows, delta.n_cols,
                     dW.memptr());
  else
    lanes_outer_sum(delta.memptr(), delta.n_rows, a_prev.memptr(), a_prev.n_rows, delta.n_cols,
                    dW.memptr());
}

void thin_input_gradient(const arma::mat& W, const arma::mat& delta, arma::mat& dA_prev) {
  // W^T(k, r) = W(r, k): its columns are W's rows, contiguous only for a single row.
  if (W.n_rows == 1 && W.n_cols >= short_column)
    column_product(W.memptr(), W.n_cols, nullptr, delta.memptr(), 1, dA_prev.memptr(), W.n_cols,
                   delta.n_cols);
  else
    lanes_product(W.memptr(), W.n_rows, 1, nullptr, delta.memptr(), W.n_rows, dA_prev.memptr(),
                  W.n_cols, delta.n_cols);
}

} // namespace nnlab::kernels
