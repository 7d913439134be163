#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "nnlab/core/error.hpp"
#include "support/optimizer_checks.hpp"
#include "support/plugins.hpp"
#include "support/quadratic.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using nnlab::test::hand_steps;

// Hand steps: w0 = [1, 1], g1 = [2, -4], g2 = [4, 2], alpha = 0.5 (optimizer_checks.hpp).
// epsilon 1e-300 vanishes next to sqrt(G) in double arithmetic, so those steps are exact;
// with the default 1e-8 they are right to about alpha epsilon / sqrt(G) < 1e-8.

TEST_CASE("AdagradOptimizer: first step is alpha sign(g)", "[plugin][optimizer][adagrad]") {
  // G = [4, 16]; w = w0 - 0.5 [2/2, -4/4]
  const arma::vec w = hand_steps("{plugin: adagrad}", 1);
  REQUIRE_THAT(w[0], WithinAbs(0.5, 1e-8));
  REQUIRE_THAT(w[1], WithinAbs(1.5, 1e-8));
}

TEST_CASE("AdagradOptimizer: two steps divide by the root of the summed squares",
          "[plugin][optimizer][adagrad]") {
  // G = [4, 16] + [16, 4] = [20, 20]; w = [0.5, 1.5] - 0.5 [4, 2] / sqrt(20)
  const arma::vec w = hand_steps("{plugin: adagrad}", 2);
  REQUIRE_THAT(w[0], WithinAbs(0.5 - 2.0 / std::sqrt(20.0), 1e-8));
  REQUIRE_THAT(w[1], WithinAbs(1.5 - 1.0 / std::sqrt(20.0), 1e-8));
}

TEST_CASE("AdagradOptimizer: initial_accumulator starts G", "[plugin][optimizer][adagrad]") {
  // G = 26.25 + [4, 16] = [5.5^2, 6.5^2]; w = w0 - 0.5 [2 / 5.5, -4 / 6.5]
  const arma::vec w = hand_steps("{plugin: adagrad, initial_accumulator: 26.25}", 1);
  REQUIRE_THAT(w[0], WithinAbs(1.0 - 2.0 / 11.0, 1e-8));
  REQUIRE_THAT(w[1], WithinAbs(1.0 + 4.0 / 13.0, 1e-8));
}

TEST_CASE("AdagradOptimizer: reset() clears the sum of squares", "[plugin][optimizer][adagrad]") {
  nnlab::test::check_reset_clears_state("{plugin: adagrad, epsilon: 1e-300}", {0.5, 1.5});
}

TEST_CASE("AdagradOptimizer: a restored state continues bit for bit",
          "[plugin][optimizer][adagrad]") {
  const auto state = nnlab::test::check_restore_continues("{plugin: adagrad}");
  REQUIRE(state.size() == 1);
}

TEST_CASE("AdagradOptimizer: restore() rejects a state that does not fit",
          "[plugin][optimizer][adagrad]") {
  nnlab::test::check_restore_rejects("{plugin: adagrad}", 3,
                                     {{"sum_squares", arma::vec(2, arma::fill::zeros)}});
  nnlab::test::check_restore_rejects("{plugin: adagrad}", 3, {});
}

// Per-coordinate rates make the path independent of the curvature c: with G = c^2 sum x^2,
// every step is alpha x / sqrt(sum x^2), so both coordinates of Quadratic {1, 100} move
// alike. Adagrad does not beat sgd there at sgd's rate 0.009 (its steps shrink as
// 1 / sqrt(t)), but at a rate sgd cannot use (sgd diverges above 0.02) it converges.
TEST_CASE("AdagradOptimizer: converges on an ill-conditioned quadratic whatever the curvature",
          "[plugin][optimizer][adagrad]") {
  const nnlab::test::Quadratic f{{1.0, 100.0}};
  const auto optimizer = nnlab::test::make_optimizer("{plugin: adagrad}");
  const arma::vec x = nnlab::test::descend(*optimizer, f, {1.0, 1.0}, 0.1, 500);
  CAPTURE(x);
  REQUIRE(arma::norm(x) < 1e-6);
  const arma::vec early = nnlab::test::descend(*optimizer, f, {1.0, 1.0}, 0.1, 20);
  REQUIRE_THAT(early[0], WithinRel(early[1], 1e-6));
}

TEST_CASE("AdagradOptimizer: out-of-range parameters are config errors at the declared range",
          "[plugin][optimizer][adagrad]") {
  const auto [key, value, range] = GENERATE(
      table<std::string, std::string, std::string>({{"epsilon", "0", "> 0"},
                                                    {"epsilon", "-1e-8", "> 0"},
                                                    {"initial_accumulator", "-0.1", ">= 0"}}));
  const std::string yaml = "{plugin: adagrad, " + key + ": " + value + "}";
  CAPTURE(yaml);
  REQUIRE_THROWS_AS(nnlab::test::make_optimizer(yaml), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(
      nnlab::test::make_optimizer(yaml),
      Contains("optimizer." + key + ": expected a number " + range + ", got '" + value + "'"));
}

TEST_CASE("AdagradOptimizer: an unknown key is a config error", "[plugin][optimizer][adagrad]") {
  nnlab::test::check_unknown_key("{plugin: adagrad, eps: 1e-8}", "eps");
}
