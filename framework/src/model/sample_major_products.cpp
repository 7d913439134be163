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
// 4 doubles or 8 floats.
template <class T> constexpr uword lanes = 32 / sizeof(T);
template <class T> struct LanesOf;
template <> struct LanesOf<double> { using type = double __attribute__((vector_size(32))); };
template <> struct LanesOf<float> { using type = float __attribute__((vector_size(32))); };
template <class T> using Lanes = typename LanesOf<T>::type;

// By reference: a vector passed by value would change the calling convention between
// the clones (GCC's -Wpsabi).
template <class T> [[gnu::always_inline]] inline void load(Lanes<T>& v, const T* p) {
  __builtin_memcpy(&v, p, sizeof v);
}

// The lanes added pairwise: (v0 + v1) + (v2 + v3), and so on for 8.
[[gnu::always_inline]] inline double lane_sum(const Lanes<double>& v) {
  return (v[0] + v[1]) + (v[2] + v[3]);
}
[[gnu::always_inline]] inline float lane_sum(const Lanes<float>& v) {
  return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
}

// Zt(:, u) = b(u) + sum_k W(u, k) At(:, k), each sample's sum in the order b, k = 0, 1, ...
// (K = inputs, a compile-time constant: the sum stays in a register).
template <uword K, class T>
[[gnu::always_inline]] inline void affine(const T* W, const T* b, uword units, const T* At, T* Zt,
                                          uword m) {
  for (uword u = 0; u < units; ++u) {
    T w[K];
    for (uword k = 0; k < K; ++k)
      w[k] = W[k * units + u];
    const T bu = b[u];
    T* __restrict z = Zt + u * m;
    for (uword j = 0; j < m; ++j) {
      T acc = bu;
      for (uword k = 0; k < K; ++k)
        acc += w[k] * At[k * m + j];
      z[j] = acc;
    }
  }
}

// dW(u, k) += sum_j Dt(j, u) At(j, k) and db(u) += sum_j Dt(j, u), unit after unit: K + 1
// sums of 2 x lanes partial sums each, then the tail.
template <uword K, class T>
[[gnu::always_inline]] inline void gradient_add(const T* Dt, uword units, const T* At, uword m,
                                                T* dW, T* db) {
  constexpr uword n = lanes<T>;
  for (uword u = 0; u < units; ++u) {
    const T* d = Dt + u * m;
    Lanes<T> w0[K] = {}, w1[K] = {}, b0 = {}, b1 = {};
    uword j = 0;
    for (; j + 2 * n <= m; j += 2 * n) {
      Lanes<T> d0, d1;
      load(d0, d + j);
      load(d1, d + j + n);
      b0 += d0;
      b1 += d1;
      for (uword k = 0; k < K; ++k) {
        Lanes<T> a0, a1;
        load(a0, At + k * m + j);
        load(a1, At + k * m + j + n);
        w0[k] += d0 * a0;
        w1[k] += d1 * a1;
      }
    }
    T tail_w[K] = {}, tail_b = T(0);
    for (; j < m; ++j) {
      tail_b += d[j];
      for (uword k = 0; k < K; ++k)
        tail_w[k] += d[j] * At[k * m + j];
    }
    const Lanes<T> b = b0 + b1;
    db[u] += lane_sum(b) + tail_b;
    for (uword k = 0; k < K; ++k) {
      const Lanes<T> w = w0[k] + w1[k];
      dW[k * units + u] += lane_sum(w) + tail_w[k];
    }
  }
}

// dAt(:, k) = sum_u W(u, k) Dt(:, u), each sample's sum in the order u = 0, 1, ...
// (U = units, a compile-time constant).
template <uword U, class T>
[[gnu::always_inline]] inline void input_gradient(const T* W, uword inputs, const T* Dt, T* dAt,
                                                  uword m) {
  for (uword k = 0; k < inputs; ++k) {
    T w[U];
    for (uword u = 0; u < U; ++u)
      w[u] = W[k * U + u];
    T* __restrict out = dAt + k * m;
    for (uword j = 0; j < m; ++j) {
      T acc = T(0);
      for (uword u = 0; u < U; ++u)
        acc += w[u] * Dt[u * m + j];
      out[j] = acc;
    }
  }
}

template <class T>
NNLAB_KERNEL void affine(const T* W, const T* b, uword units, uword inputs, const T* At, T* Zt,
                         uword m) {
#define NNLAB_CALL(K) affine<K>(W, b, units, At, Zt, m)
  NNLAB_BY_SIZE(inputs, NNLAB_CALL)
#undef NNLAB_CALL
}

template <class T>
NNLAB_KERNEL void gradient_add(const T* Dt, uword units, const T* At, uword inputs, uword m, T* dW,
                               T* db) {
#define NNLAB_CALL(K) gradient_add<K>(Dt, units, At, m, dW, db)
  NNLAB_BY_SIZE(inputs, NNLAB_CALL)
#undef NNLAB_CALL
}

template <class T>
NNLAB_KERNEL void input_gradient(const T* W, uword units, uword inputs, const T* Dt, T* dAt,
                                 uword m) {
#define NNLAB_CALL(U) input_gradient<U>(W, inputs, Dt, dAt, m)
  NNLAB_BY_SIZE(units, NNLAB_CALL)
#undef NNLAB_CALL
}

// The loops index by these shapes: a mismatch would read or write out of bounds.
template <class T>
void check(bool ok, const char* what, const arma::Mat<T>& x, uword rows, uword cols) {
  if (ok && x.n_rows == rows && x.n_cols == cols) return;
  throw std::invalid_argument(
      std::string("sample-major products: ") + what + " is " + std::to_string(x.n_rows) + "x" +
      std::to_string(x.n_cols) + ", expected " + std::to_string(rows) + "x" + std::to_string(cols) +
      " of a layer with at most " + std::to_string(thin_limit) + " inputs and units");
}

template <class T> bool thin(const arma::Mat<T>& W) {
  return W.n_rows <= thin_limit && W.n_cols <= thin_limit;
}

template <class T>
void affine_of(const arma::Mat<T>& W, const arma::Col<T>& b, const arma::Mat<T>& At_prev,
               arma::Mat<T>& Zt) {
  const uword m = At_prev.n_rows;
  check(thin(W), "At_prev", At_prev, m, W.n_cols);
  check(b.n_elem == W.n_rows, "Zt", Zt, m, W.n_rows);
  affine(W.memptr(), b.memptr(), W.n_rows, W.n_cols, At_prev.memptr(), Zt.memptr(), m);
}

template <class T>
void gradient_add_of(const arma::Mat<T>& Dt, const arma::Mat<T>& At_prev, arma::Mat<T>& dW,
                     arma::Col<T>& db) {
  const uword m = Dt.n_rows;
  check(thin(dW) && db.n_elem == dW.n_rows, "Dt", Dt, m, dW.n_rows);
  check(true, "At_prev", At_prev, m, dW.n_cols);
  gradient_add(Dt.memptr(), dW.n_rows, At_prev.memptr(), dW.n_cols, m, dW.memptr(), db.memptr());
}

template <class T>
void input_gradient_of(const arma::Mat<T>& W, const arma::Mat<T>& Dt, arma::Mat<T>& dAt_prev) {
  const uword m = Dt.n_rows;
  check(thin(W), "Dt", Dt, m, W.n_rows);
  check(true, "dAt_prev", dAt_prev, m, W.n_cols);
  input_gradient(W.memptr(), W.n_rows, W.n_cols, Dt.memptr(), dAt_prev.memptr(), m);
}

} // namespace

void sample_major_affine(const arma::mat& W, const arma::vec& b, const arma::mat& At_prev,
                         arma::mat& Zt) {
  affine_of(W, b, At_prev, Zt);
}
void sample_major_affine(const arma::fmat& W, const arma::fvec& b, const arma::fmat& At_prev,
                         arma::fmat& Zt) {
  affine_of(W, b, At_prev, Zt);
}

void sample_major_gradient_add(const arma::mat& Dt, const arma::mat& At_prev, arma::mat& dW,
                               arma::vec& db) {
  gradient_add_of(Dt, At_prev, dW, db);
}
void sample_major_gradient_add(const arma::fmat& Dt, const arma::fmat& At_prev, arma::fmat& dW,
                               arma::fvec& db) {
  gradient_add_of(Dt, At_prev, dW, db);
}

void sample_major_input_gradient(const arma::mat& W, const arma::mat& Dt, arma::mat& dAt_prev) {
  input_gradient_of(W, Dt, dAt_prev);
}
void sample_major_input_gradient(const arma::fmat& W, const arma::fmat& Dt, arma::fmat& dAt_prev) {
  input_gradient_of(W, Dt, dAt_prev);
}

} // namespace nnlab::kernels
