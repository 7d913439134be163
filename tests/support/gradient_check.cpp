#include "support/gradient_check.hpp"

namespace nnlab::test {

arma::vec numeric_gradient(const std::function<double(const arma::vec&)>& f, arma::vec x,
                           double h) {
  arma::vec g(x.n_elem);
  for (arma::uword i = 0; i < x.n_elem; ++i) {
    const double saved = x[i];
    x[i] = saved + h;
    const double up = f(x);
    x[i] = saved - h;
    const double down = f(x);
    x[i] = saved;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

double relative_error(const arma::vec& a, const arma::vec& b) {
  const double denominator = arma::norm(a + b);
  return denominator == 0.0 ? 0.0 : arma::norm(a - b) / denominator;
}

} // namespace nnlab::test
