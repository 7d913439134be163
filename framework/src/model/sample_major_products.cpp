// A kernel source: CMake builds it with the kernel flags (see core/libmvec.hpp).
#include "sample_major_products.hpp"

#include <stdexcept>
#include <string>

#include "by_size.hpp"
#include "core/libmvec.hpp"
#include "thin_products.hpp"

namespace nnlab::kernels {

namespace {

using arma::uword;

// Partial sums kept side by side: the reductions below add every lanes-th sample into one
// lane of a GCC vector (compiled to whatever registers each clone has), two vectors at a
// time, then the lanes in order: a fixed order, and no chain of dependent additions.
constexpr uword lanes = 4;
using Lanes = double __attribute__((vector_size(lanes * sizeof(double))));

// By reference: a vector passed by value would change the calling convention between
// the clones (GCC's -Wpsabi).
[[gnu::always_inline]] inline void load(Lanes& v, const double* p) {
  __builtin_memcpy(&v, p, sizeof v);
}

[[gnu::always_inline]] inline double lane_sum(const Lanes& v) {
  return (v[0] + v[1]) + (v[2] + v[3]);
}

// Zt(:, u) = b(u) + sum_k W(u, k) At(:, k), each sample's sum in the order b, k = 0, 1, ...
// (K = inputs, a compile-time constant: the sum stays in a register).
template <uword K>
[[gnu::always_inline]] inline void affine(const double* W, const double* b, uword units,
                                          const double* At, double* Zt, uword m) {
  for (uword u = 0; u < units; ++u) {
    double w[K];
    for (uword k = 0; k < K; ++k)
      w[k] = W[k * units + u];
    const double bu = b[u];
    double* __restrict z = Zt + u * m;
    for (uword j = 0; j < m; ++j) {
      double acc = bu;
      for (uword k = 0; k < K; ++k)
        acc += w[k] * At[k * m + j];
      z[j] = acc;
    }
  }
}

// dW(u, k) += sum_j Dt(j, u) At(j, k) and db(u) += sum_j Dt(j, u), unit after unit: K + 1
// sums of 2 x lanes partial sums each, then the tail.
template <uword K>
[[gnu::always_inline]] inline void gradient_add(const double* Dt, uword units, const double* At,
                                                uword m, double* dW, double* db) {
  for (uword u = 0; u < units; ++u) {
    const double* d = Dt + u * m;
    Lanes w0[K] = {}, w1[K] = {}, b0 = {}, b1 = {};
    uword j = 0;
    for (; j + 2 * lanes <= m; j += 2 * lanes) {
      Lanes d0, d1;
      load(d0, d + j);
      load(d1, d + j + lanes);
      b0 += d0;
      b1 += d1;
      for (uword k = 0; k < K; ++k) {
        Lanes a0, a1;
        load(a0, At + k * m + j);
        load(a1, At + k * m + j + lanes);
        w0[k] += d0 * a0;
        w1[k] += d1 * a1;
      }
    }
    double tail_w[K] = {}, tail_b = 0.0;
    for (; j < m; ++j) {
      tail_b += d[j];
      for (uword k = 0; k < K; ++k)
        tail_w[k] += d[j] * At[k * m + j];
    }
    const Lanes b = b0 + b1;
    db[u] += lane_sum(b) + tail_b;
    for (uword k = 0; k < K; ++k) {
      const Lanes w = w0[k] + w1[k];
      dW[k * units + u] += lane_sum(w) + tail_w[k];
    }
  }
}

// dAt(:, k) = sum_u W(u, k) Dt(:, u), each sample's sum in the order u = 0, 1, ...
// (U = units, a compile-time constant).
template <uword U>
[[gnu::always_inline]] inline void input_gradient(const double* W, uword inputs, const double* Dt,
                                                  double* dAt, uword m) {
  for (uword k = 0; k < inputs; ++k) {
    double w[U];
    for (uword u = 0; u < U; ++u)
      w[u] = W[k * U + u];
    double* __restrict out = dAt + k * m;
    for (uword j = 0; j < m; ++j) {
      double acc = 0.0;
      for (uword u = 0; u < U; ++u)
        acc += w[u] * Dt[u * m + j];
      out[j] = acc;
    }
  }
}

NNLAB_KERNEL void affine(const double* W, const double* b, uword units, uword inputs,
                         const double* At, double* Zt, uword m){
#define NNLAB_CALL(K) affine<K>(W, b, units, At, Zt, m)
    NNLAB_BY_SIZE(inputs, NNLAB_CALL)
#undef NNLAB_CALL
}

NNLAB_KERNEL void gradient_add(const double* Dt, uword units, const double* At, uword inputs,
                               uword m, double* dW, double* db){
#define NNLAB_CALL(K) gradient_add<K>(Dt, units, At, m, dW, db)
    NNLAB_BY_SIZE(inputs, NNLAB_CALL)
#undef NNLAB_CALL
}

NNLAB_KERNEL void input_gradient(const double* W, uword units, uword inputs, const double* Dt,
                                 double* dAt, uword m) {
#define NNLAB_CALL(U) input_gradient<U>(W, inputs, Dt, dAt, m)
  NNLAB_BY_SIZE(units, NNLAB_CALL)
#undef NNLAB_CALL
}

// The loops index by these shapes: a mismatch would read or write out of bounds.
void check(bool ok, const char* what, const arma::mat& x, uword rows, uword cols) {
  if (ok && x.n_rows == rows && x.n_cols == cols) return;
  throw std::invalid_argument(
      std::string("sample-major products: ") + what + " is " + std::to_string(x.n_rows) + "x" +
      std::to_string(x.n_cols) + ", expected " + std::to_string(rows) + "x" + std::to_string(cols) +
      " of a layer with at most " + std::to_string(thin_limit) + " inputs and units");
}

bool thin(const arma::mat& W) {
  return W.n_rows <= thin_limit && W.n_cols <= thin_limit;
}

} // namespace

void sample_major_affine(const arma::mat& W, const arma::vec& b, const arma::mat& At_prev,
                         arma::mat& Zt) {
  const uword m = At_prev.n_rows;
  check(thin(W), "At_prev", At_prev, m, W.n_cols);
  check(b.n_elem == W.n_rows, "Zt", Zt, m, W.n_rows);
  affine(W.memptr(), b.memptr(), W.n_rows, W.n_cols, At_prev.memptr(), Zt.memptr(), m);
}

void sample_major_gradient_add(const arma::mat& Dt, const arma::mat& At_prev, arma::mat& dW,
                               arma::vec& db) {
  const uword m = Dt.n_rows;
  check(thin(dW) && db.n_elem == dW.n_rows, "Dt", Dt, m, dW.n_rows);
  check(true, "At_prev", At_prev, m, dW.n_cols);
  gradient_add(Dt.memptr(), dW.n_rows, At_prev.memptr(), dW.n_cols, m, dW.memptr(), db.memptr());
}

void sample_major_input_gradient(const arma::mat& W, const arma::mat& Dt, arma::mat& dAt_prev) {
  const uword m = Dt.n_rows;
  check(thin(W), "Dt", Dt, m, W.n_rows);
  check(true, "dAt_prev", dAt_prev, m, W.n_cols);
  input_gradient(W.memptr(), W.n_rows, W.n_cols, Dt.memptr(), dAt_prev.memptr(), m);
}

} // namespace nnlab::kernels
