#include "support/quadratic.hpp"

#include "nnlab/check/optimizer_check.hpp"

namespace nnlab::test {

OptimizationProblem Quadratic::problem(const arma::vec& start, double alpha) const {
  OptimizationProblem p;
  p.name = "quadratic";
  p.setup = "f(x) = 1/2 sum c_i x_i^2";
  p.value = [f = *this](const arma::vec& x) { return f.value(x); };
  p.gradient = [f = *this](const arma::vec& x) { return f.gradient(x); };
  p.start = start;
  p.optimum = arma::zeros(start.n_elem);
  p.alpha = alpha;
  return p;
}

arma::vec descend(Optimizer& optimizer, const Quadratic& f, const arma::vec& x0, double alpha,
                  int steps) {
  return nnlab::descend(optimizer, f.problem(x0, alpha), steps);
}

} // namespace nnlab::test
