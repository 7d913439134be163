#include <catch2/catch.hpp>

#include "nnlab/check/finite_difference.hpp"
#include "nnlab/check/optimization_problem.hpp"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("OptimizationProblem: gradients match central differences", "[check][problem]") {
  const auto problems = nnlab::standard_problems();
  REQUIRE(problems.size() == 4);
  for (const auto& p : problems) {
    CAPTURE(p.name);
    for (const arma::vec& x : {p.start, arma::vec(p.start + 0.3), p.optimum}) {
      const arma::vec numeric = nnlab::numeric_gradient(p.value, x);
      const arma::vec g = p.gradient(x);
      CHECK(arma::norm(g - numeric) < 1e-6 * std::max(1.0, arma::norm(g)));
    }
  }
}

TEST_CASE("OptimizationProblem: the optimum is a stationary point with the stated value",
          "[check][problem]") {
  for (const auto& p : nnlab::standard_problems()) {
    CAPTURE(p.name);
    CHECK(arma::norm(p.gradient(p.optimum)) < 1e-10);
    CHECK(p.value(p.optimum) == p.optimum_value);
    CHECK(p.value(p.start) > p.optimum_value);
    CHECK(p.alpha > 0.0);
    CHECK(p.steps > 0);
  }
}

TEST_CASE("OptimizationProblem: known starts and minima", "[check][problem]") {
  const auto bowl = nnlab::quadratic_bowl();
  CHECK(bowl.start.n_elem == 10);
  CHECK(bowl.start[0] == 1.0);
  CHECK(bowl.start[9] == -2.0);
  CHECK_THAT(bowl.value(bowl.start), WithinAbs(0.5 * arma::dot(bowl.start, bowl.start), 1e-15));
  const auto quadratic = nnlab::ill_conditioned_quadratic();
  // c = 1..100: the gradient at x = 1 is the curvature vector.
  const arma::vec c = quadratic.gradient(quadratic.start);
  CHECK_THAT(c.max() / c.min(), WithinAbs(100.0, 1e-9));
  const auto rosenbrock = nnlab::rosenbrock();
  CHECK_THAT(rosenbrock.value(rosenbrock.start), WithinAbs(24.2, 1e-12));
  CHECK(rosenbrock.optimum_value == 0.0);
  CHECK(rosenbrock.max_gap_ratio == 0.2);
}

TEST_CASE("OptimizationProblem: the logistic regression optimum is finite and fits the clouds",
          "[check][problem]") {
  const auto p = nnlab::logistic_regression();
  REQUIRE(p.optimum.n_elem == 3);
  CHECK(p.start.is_zero());
  CHECK_THAT(p.value(p.start), WithinRel(std::log(2.0), 1e-12)); // sigmoid(0) = 1/2 for all
  // The clouds sit at -+(2, 1): the separating direction points that way, and the L2 term
  // keeps it finite.
  CHECK(p.optimum[0] > 0.0);
  CHECK(p.optimum[1] > 0.0);
  CHECK(arma::norm(p.optimum.head(2)) < 20.0);
  CHECK(p.optimum_value < 0.2);
  CHECK(p.optimum_value > 0.0);
}
