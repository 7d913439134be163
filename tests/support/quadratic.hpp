#pragma once

#include <armadillo>

#include "nnlab/check/optimization_problem.hpp"
#include "nnlab/plugin/optimizer.hpp"

namespace nnlab::test {

/// f(x) = 1/2 sum_i c_i x_i^2, minimum 0 at x = 0. Curvatures {1, 100} make it
/// ill-conditioned (condition number 100), where momentum beats plain descent.
struct Quadratic {
  arma::vec curvature;

  double value(const arma::vec& x) const { return 0.5 * arma::dot(curvature % x, x); }
  arma::vec gradient(const arma::vec& x) const { return curvature % x; }

  /// f as a problem of the framework's checks (nnlab/check), from `start` at rate `alpha`.
  OptimizationProblem problem(const arma::vec& start, double alpha) const;
};

/// nnlab::descend on f.problem(x0, alpha): reset, then `steps` optimizer steps from x0.
arma::vec descend(Optimizer& optimizer, const Quadratic& f, const arma::vec& x0, double alpha,
                  int steps);

} // namespace nnlab::test
