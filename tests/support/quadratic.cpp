#include "support/quadratic.hpp"

namespace nnlab::test {

arma::vec descend(Optimizer& optimizer, const Quadratic& f, arma::vec x, double alpha, int steps) {
  optimizer.reset(x.n_elem);
  for (int i = 0; i < steps; ++i) {
    const arma::vec g = f.gradient(x);
    optimizer.step(x, g, alpha);
  }
  return x;
}

} // namespace nnlab::test
