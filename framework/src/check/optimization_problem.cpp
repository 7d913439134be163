#include "nnlab/check/optimization_problem.hpp"

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/core/rng.hpp"

namespace nnlab {

namespace {

OptimizationProblem diagonal_quadratic(std::string name, std::string setup, arma::vec curvature,
                                       arma::vec start) {
  OptimizationProblem p;
  p.name = std::move(name);
  p.setup = std::move(setup);
  p.value = [curvature](const arma::vec& x) { return 0.5 * arma::dot(curvature % x, x); };
  p.gradient = [curvature](const arma::vec& x) -> arma::vec { return curvature % x; };
  p.optimum = arma::zeros(start.n_elem);
  p.start = std::move(start);
  return p;
}

// log(1 + e^z) without overflow for large |z|.
double softplus(double z) {
  return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z)));
}

// Two Gaussian clouds, as the samples of a logistic regression: X is 2 x 200, y 0 or 1.
struct Clouds {
  arma::mat X;
  arma::vec y;
};

Clouds two_gaussians() {
  constexpr arma::uword per_class = 100;
  Rng rng(1);
  Clouds c{arma::mat(2, 2 * per_class), arma::vec(2 * per_class)};
  for (arma::uword i = 0; i < c.X.n_cols; ++i) {
    const double sign = i < per_class ? -1.0 : 1.0;
    c.X(0, i) = sign * 2.0 + rng.normal();
    c.X(1, i) = sign * 1.0 + rng.normal();
    c.y[i] = i < per_class ? 0.0 : 1.0;
  }
  return c;
}

constexpr double l2 = 0.01;

// theta = (w1, w2, b): f = mean softplus(z) - y z + l2/2 |w|^2 with z = w.x + b.
double logistic_value(const Clouds& c, const arma::vec& theta) {
  const arma::rowvec z = theta.head(2).t() * c.X + theta[2];
  double sum = 0.0;
  for (arma::uword i = 0; i < z.n_elem; ++i)
    sum += softplus(z[i]) - c.y[i] * z[i];
  return sum / static_cast<double>(z.n_elem) + 0.5 * l2 * arma::dot(theta.head(2), theta.head(2));
}

arma::vec logistic_gradient(const Clouds& c, const arma::vec& theta) {
  const arma::rowvec z = theta.head(2).t() * c.X + theta[2];
  const arma::vec r = (1.0 / (1.0 + arma::exp(-z))).t() - c.y; // sigmoid(z) - y
  const double n = static_cast<double>(c.y.n_elem);
  arma::vec g(3);
  g.head(2) = c.X * r / n + l2 * theta.head(2);
  g[2] = arma::sum(r) / n;
  return g;
}

arma::mat logistic_hessian(const Clouds& c, const arma::vec& theta) {
  const arma::rowvec z = theta.head(2).t() * c.X + theta[2];
  const arma::rowvec p = 1.0 / (1.0 + arma::exp(-z));
  arma::mat A = arma::join_cols(c.X, arma::ones<arma::rowvec>(c.X.n_cols)); // 3 x n
  const arma::rowvec weight = p % (1.0 - p);
  arma::mat H = (A.each_row() % weight) * A.t() / static_cast<double>(c.y.n_elem);
  H(0, 0) += l2;
  H(1, 1) += l2;
  return H;
}

// Damped Newton from 0: the objective is strictly convex, so this ends at its minimum to
// machine precision in a dozen iterations.
arma::vec newton_minimum(const Clouds& c) {
  arma::vec theta = arma::zeros(3);
  for (int iteration = 0; iteration < 100; ++iteration) {
    const arma::vec g = logistic_gradient(c, theta);
    if (arma::norm(g) < 1e-13) return theta;
    const arma::vec step = arma::solve(logistic_hessian(c, theta), g);
    double t = 1.0;
    const double f = logistic_value(c, theta);
    while (t > 1e-10 && logistic_value(c, theta - t * step) > f)
      t /= 2.0;
    theta -= t * step;
  }
  if (arma::norm(logistic_gradient(c, theta)) < 1e-10) return theta;
  throw Error("logistic_regression(): Newton's method did not converge");
}

} // namespace

OptimizationProblem quadratic_bowl() {
  arma::vec start = arma::linspace(1.0, 2.0, 10);
  for (arma::uword i = 1; i < start.n_elem; i += 2)
    start[i] = -start[i];
  OptimizationProblem p = diagonal_quadratic(
      "quadratic bowl", "f(x) = 1/2 |x|^2, 10-D, from x_i = +-(1 + i/9), minimum 0 at x = 0",
      arma::ones(10), std::move(start));
  p.alpha = 0.1;
  p.steps = 100;
  p.max_gap_ratio = 0.5;
  return p;
}

OptimizationProblem ill_conditioned_quadratic() {
  OptimizationProblem p = diagonal_quadratic(
      "ill-conditioned quadratic",
      "f(x) = 1/2 sum c_i x_i^2, 10-D, c_i from 1 to 100 (log-spaced), from x = 1, minimum 0 at 0",
      arma::logspace(0.0, 2.0, 10), arma::ones(10));
  p.alpha = 0.01;
  p.steps = 500;
  p.max_gap_ratio = 0.5;
  return p;
}

OptimizationProblem rosenbrock() {
  OptimizationProblem p;
  p.name = "Rosenbrock";
  p.setup = "f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 from (-1.2, 1), minimum 0 at (1, 1)";
  p.value = [](const arma::vec& v) {
    const double a = 1.0 - v[0], b = v[1] - v[0] * v[0];
    return a * a + 100.0 * b * b;
  };
  p.gradient = [](const arma::vec& v) -> arma::vec {
    const double b = v[1] - v[0] * v[0];
    return {-2.0 * (1.0 - v[0]) - 400.0 * v[0] * b, 200.0 * b};
  };
  p.start = {-1.2, 1.0};
  p.optimum = {1.0, 1.0};
  // alpha is near the most plain gradient descent takes here (curvature ~1300 at the
  // start). 1/5 of f(start) is f(-1.2, 1.44) = 4.84, the valley floor at the start's x:
  // passing means getting into the valley and along it towards (1, 1).
  p.alpha = 0.001;
  p.steps = 10000;
  p.max_gap_ratio = 0.2;
  return p;
}

OptimizationProblem logistic_regression() {
  const Clouds clouds = two_gaussians();
  OptimizationProblem p;
  p.name = "logistic regression";
  p.setup = "two Gaussian clouds (2 x 100 samples, means -+(2, 1)), mean BCE + 0.01/2 |w|^2 "
            "over (w1, w2, b) from 0, minimum by Newton's method";
  p.value = [clouds](const arma::vec& theta) { return logistic_value(clouds, theta); };
  p.gradient = [clouds](const arma::vec& theta) { return logistic_gradient(clouds, theta); };
  p.start = arma::zeros(3);
  p.optimum = newton_minimum(clouds);
  p.optimum_value = logistic_value(clouds, p.optimum);
  p.alpha = 0.1;
  p.steps = 500;
  p.max_gap_ratio = 0.5;
  return p;
}

std::vector<OptimizationProblem> standard_problems() {
  return {quadratic_bowl(), ill_conditioned_quadratic(), rosenbrock(), logistic_regression()};
}

} // namespace nnlab
