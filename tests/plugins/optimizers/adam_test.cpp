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
// With beta1 0.5 and beta2 0.75 the numbers are exact in binary, and epsilon 1e-300
// vanishes next to sqrt(v_hat); the defaults (0.9, 0.999, 1e-8) are right to about 1e-8.
namespace {
const char* const exact = "{plugin: adam, beta1: 0.5, beta2: 0.75, epsilon: 1e-300}";
}

TEST_CASE("AdamOptimizer: first step is alpha sign(g) up to epsilon", "[plugin][optimizer][adam]") {
  // m_hat = g1, v_hat = g1^2: w = w0 - 0.5 g1 / (|g1| + 1e-8)
  const arma::vec w = hand_steps("{plugin: adam}", 1);
  REQUIRE_THAT(w[0], WithinAbs(0.5, 1e-8));
  REQUIRE_THAT(w[1], WithinAbs(1.5, 1e-8));
  // Whatever the scale of g: the deviation is alpha epsilon / |g|.
  const auto optimizer = nnlab::test::make_optimizer("{plugin: adam}");
  optimizer->reset(3);
  arma::vec x(3, arma::fill::zeros);
  optimizer->step(x, {0.01, -3.0, 1e4}, 0.5);
  CAPTURE(x);
  REQUIRE_THAT(x[0], WithinAbs(-0.5, 0.5 * 1e-8 / 0.01 * 1.01));
  REQUIRE_THAT(x[1], WithinAbs(0.5, 1e-8));
  REQUIRE_THAT(x[2], WithinAbs(-0.5, 1e-11));
}

TEST_CASE("AdamOptimizer: two steps follow Algorithm 1 of the paper", "[plugin][optimizer][adam]") {
  const arma::vec w1 = hand_steps(exact, 1);
  // m = 0.5 g1 = [1, -2], m_hat = m / 0.5 = g1; v = 0.25 g1^2, v_hat = v / 0.25 = g1^2
  REQUIRE_THAT(w1[0], WithinAbs(0.5, 0.0));
  REQUIRE_THAT(w1[1], WithinAbs(1.5, 0.0));
  const arma::vec w2 = hand_steps(exact, 2);
  // m = 0.5 [1, -2] + 0.5 [4, 2] = [2.5, 0], m_hat = m / 0.75 = [10/3, 0]
  // v = 0.75 [1, 4] + 0.25 [16, 4] = [4.75, 4], v_hat = v / 0.4375 = [76/7, 64/7]
  REQUIRE_THAT(w2[0], WithinRel(0.5 - 0.5 * (10.0 / 3.0) / std::sqrt(76.0 / 7.0), 1e-15));
  REQUIRE_THAT(w2[1], WithinAbs(1.5, 0.0));
  // The defaults, by the same formula: m_hat = [0.58, -0.16] / 0.19,
  // v_hat = [0.019996, 0.019984] / 0.001999
  const arma::vec d2 = hand_steps("{plugin: adam}", 2);
  REQUIRE_THAT(d2[0], WithinAbs(0.5 - 0.5 * (0.58 / 0.19) / std::sqrt(0.019996 / 0.001999), 1e-8));
  REQUIRE_THAT(d2[1], WithinAbs(1.5 + 0.5 * (0.16 / 0.19) / std::sqrt(0.019984 / 0.001999), 1e-8));
}

TEST_CASE("AdamOptimizer: reset() clears m, v and t", "[plugin][optimizer][adam]") {
  nnlab::test::check_reset_clears_state(exact, {0.5, 1.5});
}

TEST_CASE("AdamOptimizer: a restored state continues bit for bit", "[plugin][optimizer][adam]") {
  const auto state = nnlab::test::check_restore_continues("{plugin: adam}");
  REQUIRE(state.size() == 3); // m, v and the step count t, which the bias correction needs
}

TEST_CASE("AdamOptimizer: restore() rejects a state that does not fit",
          "[plugin][optimizer][adam]") {
  const arma::vec three(3, arma::fill::zeros);
  const arma::vec two(2, arma::fill::zeros);
  const arma::vec t{2.0};
  nnlab::test::check_restore_rejects("{plugin: adam}", 3, {{"m", two}, {"v", three}, {"t", t}});
  nnlab::test::check_restore_rejects("{plugin: adam}", 3, {{"m", three}, {"v", two}, {"t", t}});
  nnlab::test::check_restore_rejects("{plugin: adam}", 3, {{"m", three}, {"v", three}});
  nnlab::test::check_restore_rejects("{plugin: adam}", 3,
                                     {{"m", three}, {"v", three}, {"t", arma::vec{1.5}}});
  nnlab::test::check_restore_rejects("{plugin: adam}", 3, {});
}

// m_hat / sqrt(v_hat) does not depend on the curvature c, so both coordinates of Quadratic
// {1, 100} move alike. At sgd's rate 0.009 for 100 steps sgd still wins on f (it zeroes the
// stiff coordinate at once while Adam moves about alpha per step), so the honest check is the
// distance to the optimum after enough steps.
TEST_CASE("AdamOptimizer: converges on an ill-conditioned quadratic whatever the curvature",
          "[plugin][optimizer][adam]") {
  const nnlab::test::Quadratic f{{1.0, 100.0}};
  const auto optimizer = nnlab::test::make_optimizer("{plugin: adam}");
  const arma::vec early = nnlab::test::descend(*optimizer, f, {1.0, 1.0}, 0.01, 50);
  CAPTURE(early);
  REQUIRE_THAT(early[0], WithinRel(early[1], 1e-6));
  const arma::vec x = nnlab::test::descend(*optimizer, f, {1.0, 1.0}, 0.01, 500);
  CAPTURE(x);
  REQUIRE(arma::norm(x) < 1e-6);
}

TEST_CASE("AdamOptimizer: out-of-range parameters are config errors at the declared range",
          "[plugin][optimizer][adam]") {
  const auto [key, value, range] =
      GENERATE(table<std::string, std::string, std::string>({{"beta1", "1", "in [0, 1)"},
                                                             {"beta1", "-0.1", "in [0, 1)"},
                                                             {"beta2", "1", "in [0, 1)"},
                                                             {"beta2", "1.5", "in [0, 1)"},
                                                             {"epsilon", "0", "> 0"},
                                                             {"epsilon", "-1e-8", "> 0"}}));
  const std::string yaml = "{plugin: adam, " + key + ": " + value + "}";
  CAPTURE(yaml);
  REQUIRE_THROWS_AS(nnlab::test::make_optimizer(yaml), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(
      nnlab::test::make_optimizer(yaml),
      Contains("optimizer." + key + ": expected a number " + range + ", got '" + value + "'"));
}

TEST_CASE("AdamOptimizer: an unknown key is a config error", "[plugin][optimizer][adam]") {
  nnlab::test::check_unknown_key("{plugin: adam, beta: 0.9}", "beta");
}
