#include "nnlab/train/metrics.hpp"

namespace nnlab {

arma::mat make_targets(const arma::rowvec& labels, arma::uword n_outputs) {
  if (n_outputs == 1) return arma::mat(labels);
  arma::mat T(n_outputs, labels.n_elem, arma::fill::zeros);
  for (arma::uword j = 0; j < labels.n_elem; ++j)
    T(static_cast<arma::uword>(labels[j]), j) = 1.0;
  return T;
}

namespace {
arma::uword predicted_class(const arma::mat& output, arma::uword j) {
  if (output.n_rows == 1) return output(0, j) > 0.5 ? 1 : 0;
  arma::uword best = 0;
  for (arma::uword i = 1; i < output.n_rows; ++i)
    if (output(i, j) > output(best, j)) best = i;
  return best;
}
} // namespace

double accuracy(const arma::mat& output, const arma::rowvec& labels) {
  if (output.n_cols == 0) return 0.0;
  if (output.n_rows == 1) {
    // The same rule for one output, without a call and a branch per sample: it runs
    // twice every iteration. Counted in a double (exact for whole numbers below 2^53) so
    // that the loop vectorises.
    const double* a = output.memptr();
    const double* y = labels.memptr();
    double right = 0.0;
    for (arma::uword j = 0; j < output.n_cols; ++j)
      right += (a[j] > 0.5 ? 1.0 : 0.0) == y[j] ? 1.0 : 0.0;
    return right / static_cast<double>(output.n_cols);
  }
  arma::uword right = 0;
  for (arma::uword j = 0; j < output.n_cols; ++j)
    right += static_cast<double>(predicted_class(output, j)) == labels[j] ? 1 : 0;
  return static_cast<double>(right) / static_cast<double>(output.n_cols);
}

arma::urowvec predict(const arma::mat& output) {
  arma::urowvec classes(output.n_cols);
  for (arma::uword j = 0; j < output.n_cols; ++j)
    classes[j] = predicted_class(output, j);
  return classes;
}

} // namespace nnlab
