#include "nnlab/model/dense_layer.hpp"

namespace nnlab {

// The views use Armadillo's "strict" auxiliary memory: they never reallocate, so an
// assignment of the wrong size throws instead of silently detaching from the flat vector.
DenseLayer::DenseLayer(arma::uword n_in, arma::uword n_out, Activation f, double* params,
                       double* grads)
    : f_(f), W_(params, n_out, n_in, false, true), b_(params + n_out * n_in, n_out, false, true),
      dW_(grads, n_out, n_in, false, true), db_(grads + n_out * n_in, n_out, false, true) {}

void DenseLayer::forward(const arma::mat& a_prev, arma::mat& z, arma::mat& a) const {
  z = W_ * a_prev;
  z.each_col() += b_;
  f_.forward(z, a);
}

void DenseLayer::backward(const arma::mat& a_prev, const arma::mat& a, const arma::mat& dA,
                          arma::mat& delta, arma::mat* dA_prev) {
  const double inv_m = 1.0 / static_cast<double>(a_prev.n_cols);
  f_.backward(a, dA, delta);
  dW_ = delta * a_prev.t();
  dW_ *= inv_m;
  db_ = arma::sum(delta, 1);
  db_ *= inv_m;
  if (dA_prev) *dA_prev = W_.t() * delta;
}

} // namespace nnlab
