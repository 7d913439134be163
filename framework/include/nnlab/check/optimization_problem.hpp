#pragma once

#include <armadillo>
#include <functional>
#include <string>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// A test function with a known minimum, and how check_optimizer runs an optimizer on it:
/// reset(n), then `steps` steps at learning rate `alpha` from `start`. Like ensmallen's
/// test problems (GetInitialPoint, GetFinalPoint), but with the budget attached.
struct NNLAB_EXPORT OptimizationProblem {
  std::string name;  ///< e.g. "ill-conditioned quadratic"
  std::string setup; ///< the function, its size and start, in one line for the report
  std::function<double(const arma::vec&)> value;
  std::function<arma::vec(const arma::vec&)> gradient;
  arma::vec start;
  arma::vec optimum;
  double optimum_value = 0.0; ///< value(optimum)
  double alpha = 0.0;
  int steps = 0;
  /// The check passes when the gap f - f* at the end is below this fraction of the gap at
  /// the start (1: it decreased at all) and the distance to the optimum shrank.
  double max_gap_ratio = 1.0;
};

// The rates and budgets below are one per problem, for every optimizer: small enough for
// plain gradient descent, long enough for the adaptive rules (whose steps are ~alpha).
// All but Rosenbrock must halve the gap f - f*.

/// f(x) = 1/2 |x|^2 in 10-D, from x_i = +-(1 + i/9) (signs alternate); minimum 0 at 0.
NNLAB_EXPORT OptimizationProblem quadratic_bowl();

/// f(x) = 1/2 sum_i c_i x_i^2 in 10-D, curvatures c_i from 1 to 100 evenly on a log scale
/// (condition number 100), from x = 1; minimum 0 at 0.
NNLAB_EXPORT OptimizationProblem ill_conditioned_quadratic();

/// Rosenbrock's f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 from (-1.2, 1); minimum 0 at (1, 1).
/// Needs f below 1/5 of f(start), the valley floor at x = -1.2: into the valley and along it.
NNLAB_EXPORT OptimizationProblem rosenbrock();

/// Logistic regression on two Gaussian clouds in the plane (100 samples each, unit
/// variance, means (-2, -1) and (2, 1), from Rng seed 1): parameters (w1, w2, b),
/// f = mean binary cross-entropy of sigmoid(w.x + b) + 0.01/2 |w|^2, from 0. The L2
/// term keeps the optimum finite; it is found by Newton's method.
NNLAB_EXPORT OptimizationProblem logistic_regression();

/// The four above, in that order.
NNLAB_EXPORT std::vector<OptimizationProblem> standard_problems();

} // namespace nnlab
