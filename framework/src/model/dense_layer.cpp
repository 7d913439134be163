#include "nnlab/model/dense_layer.hpp"

#include <stdexcept>
#include <string>

#include "sample_major_products.hpp"
#include "thin_products.hpp"

namespace nnlab {

namespace {

template <class T>
void check_size(const char* what, const arma::Mat<T>& x, arma::uword rows, arma::uword cols) {
  if (x.n_rows != rows || x.n_cols != cols)
    throw std::invalid_argument(std::string("DenseLayer: ") + what + " is " +
                                std::to_string(x.n_rows) + "x" + std::to_string(x.n_cols) +
                                ", expected " + std::to_string(rows) + "x" + std::to_string(cols));
}

} // namespace

// The views use Armadillo's "strict" auxiliary memory: they never reallocate, so an
// assignment of the wrong size throws instead of silently detaching from the flat vector.
template <class T>
BasicDenseLayer<T>::BasicDenseLayer(arma::uword n_in, arma::uword n_out, Activation f, T* params,
                                    T* grads)
    : f_(f), W_(params, n_out, n_in, false, true), b_(params + n_out * n_in, n_out, false, true),
      dW_(grads, n_out, n_in, false, true), db_(grads + n_out * n_in, n_out, false, true),
      panel_db_(n_out) {}

template <class T> void BasicDenseLayer<T>::forward(const Mat& a_prev, Mat& z, Mat& a) const {
  // The thin products write through pointers: check what Armadillo would have.
  check_size("a_prev", a_prev, n_in(), a_prev.n_cols);
  check_size("z", z, n_out(), a_prev.n_cols);
  if (n_in() <= kernels::thin_limit) {
    kernels::thin_affine(W_, b_, a_prev, z);
  } else {
    // z = W a_prev + b as one GEMM adding onto the bias (beta = 1): the bias takes the
    // place of BLAS's own pass zeroing z, and needs no pass of its own.
    kernels::fill_columns(b_, z);
    z += W_ * a_prev;
  }
  f_.forward(z, a);
}

template <class T>
void BasicDenseLayer<T>::backward_add(const Mat& a_prev, const Mat& a, const Mat& dA, Mat& delta,
                                      Mat* dA_prev) {
  check_size("a", a, n_out(), a_prev.n_cols);
  check_size("delta", delta, n_out(), a_prev.n_cols);
  f_.backward(a, dA, delta, panel_db_);
  db_ += panel_db_;
  if (n_in() <= kernels::thin_limit)
    kernels::thin_weight_gradient_add(delta, a_prev, dW_);
  else
    dW_ += delta * a_prev.t(); // one GEMM adding onto dW (beta = 1)
  if (dA_prev) pass_down(delta, *dA_prev);
}

template <class T> bool BasicDenseLayer<T>::sample_major() const {
  return n_in() <= kernels::thin_limit && n_out() <= kernels::thin_limit && !f_.output_only();
}

template <class T>
void BasicDenseLayer<T>::forward_sample_major(const Mat& At_prev, Mat& Zt, Mat& At) const {
  if (!sample_major())
    throw std::invalid_argument("DenseLayer: a " + std::to_string(n_in()) + "-input, " +
                                std::to_string(n_out()) + "-unit " + f_.name() +
                                " layer has no sample-major pass");
  kernels::sample_major_affine(W_, b_, At_prev, Zt);
  f_.forward(Zt, At); // elementwise: the layout does not matter
}

template <class T>
void BasicDenseLayer<T>::backward_add_sample_major(const Mat& At_prev, const Mat& At,
                                                   const Mat& dAt, Mat& Dt, Mat* dAt_prev) {
  f_.backward(At, dAt, Dt);
  kernels::sample_major_gradient_add(Dt, At_prev, dW_, db_);
  if (dAt_prev) kernels::sample_major_input_gradient(W_, Dt, *dAt_prev);
}

template <class T> void BasicDenseLayer<T>::pass_down(const Mat& delta, Mat& dA_prev) const {
  check_size("dA_prev", dA_prev, n_in(), delta.n_cols);
  if (n_out() <= kernels::thin_limit)
    kernels::thin_input_gradient(W_, delta, dA_prev);
  else
    dA_prev = W_.t() * delta;
}

template class BasicDenseLayer<double>;
template class BasicDenseLayer<float>;

} // namespace nnlab
