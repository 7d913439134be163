#pragma once

#include <armadillo>

#include "nnlab/plugin/optimizer.hpp"

namespace nnlab::test {

/// f(x) = 1/2 sum_i c_i x_i^2, minimum 0 at x = 0. Curvatures {1, 100} make it
/// ill-conditioned (condition number 100), where momentum beats plain descent.
struct Quadratic {
  arma::vec curvature;

  double value(const arma::vec& x) const { return 0.5 * arma::dot(curvature % x, x); }
  arma::vec gradient(const arma::vec& x) const { return curvature % x; }
};

/// Runs `steps` optimizer steps from x0 at rate alpha (after reset) and returns x.
arma::vec descend(Optimizer& optimizer, const Quadratic& f, arma::vec x0, double alpha, int steps);

} // namespace nnlab::test
