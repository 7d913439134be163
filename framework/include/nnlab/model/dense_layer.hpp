#pragma once

#include <armadillo>

#include "nnlab/export.hpp"
#include "nnlab/model/activation.hpp"

namespace nnlab {

/// One fully connected layer of n_out units over n_in inputs:
///   z = W a_prev + b,   a = f(z)
/// W (n_out x n_in) and b (n_out) are non-owning views into the network's flat parameter
/// vector; dW and db views into its flat gradient vector. So the layer cannot be copied.
/// T is the precision of its passes: double (DenseLayer), or float for a float32
/// network's single-precision copy (panel_pass.hpp).
template <class T> class NNLAB_EXPORT BasicDenseLayer {
public:
  using Mat = arma::Mat<T>;
  using Col = arma::Col<T>;

  BasicDenseLayer(arma::uword n_in, arma::uword n_out, Activation f, T* params, T* grads);
  BasicDenseLayer(const BasicDenseLayer&) = delete;
  BasicDenseLayer& operator=(const BasicDenseLayer&) = delete;

  /// Parameters this layer takes in the flat vector: W column-major, then b.
  static arma::uword n_params(arma::uword n_in, arma::uword n_out) { return n_out * (n_in + 1); }

  arma::uword n_in() const { return W_.n_cols; }
  arma::uword n_out() const { return W_.n_rows; }
  const Activation& activation() const { return f_; }
  const Mat& W() const { return W_; }
  const Col& b() const { return b_; }
  Mat& W() { return W_; }
  Col& b() { return b_; }
  const Mat& dW() const { return dW_; }
  const Col& db() const { return db_; }

  /// z = W a_prev + b, a = f(z); z and a arrive sized n_out x m. Each product is one BLAS
  /// call on the matrices in place (no copies, no transposes), or thin_products.hpp's loops
  /// when a side has at most kernels::thin_limit terms; throws std::invalid_argument on a
  /// size mismatch.
  void forward(const Mat& a_prev, Mat& z, Mat& a) const;
  /// From dA = dC/da (per sample) of some of a pass's samples (a panel of columns):
  /// delta = dA % f'(z), adds their sums delta a_prev^T and sum(delta, 1) onto dW and db,
  /// not divided by anything (Mlp::backward_add: the caller zeroes the gradient first and
  /// scales it by 1/m last) and, when dA_prev is given, sets dA_prev = W^T delta; delta
  /// arrives sized n_out x m, dA_prev n_in x m.
  void backward_add(const Mat& a_prev, const Mat& a, const Mat& dA, Mat& delta, Mat* dA_prev);

  /// Whether the sample-major passes below apply: at most kernels::thin_limit inputs and
  /// units, and an elementwise activation (softmax normalises over a sample's units).
  bool sample_major() const;
  /// forward() with the nodes stored sample-major (sample_major_products.hpp): Zt = z^T
  /// and At = a^T (samples x units) from At_prev = a_prev^T.
  void forward_sample_major(const Mat& At_prev, Mat& Zt, Mat& At) const;
  /// backward_add() with the nodes stored sample-major.
  void backward_add_sample_major(const Mat& At_prev, const Mat& At, const Mat& dAt, Mat& Dt,
                                 Mat* dAt_prev);

private:
  /// dA_prev = W^T delta.
  void pass_down(const Mat& delta, Mat& dA_prev) const;

  Activation f_;
  Mat W_;
  Col b_;
  Mat dW_;
  Col db_;
  Col panel_db_; // backward_add's sum(delta, 1) before it is added onto db
};

using DenseLayer = BasicDenseLayer<double>;

extern template class BasicDenseLayer<double>;
extern template class BasicDenseLayer<float>;

} // namespace nnlab
