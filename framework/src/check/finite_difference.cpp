#include "nnlab/check/finite_difference.hpp"

#include <limits>

namespace nnlab {

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
  if (denominator == 0.0) // both zero, or a = -b: a wrong sign must not read as a match
    return arma::norm(a - b) == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
  return arma::norm(a - b) / denominator;
}

} // namespace nnlab
