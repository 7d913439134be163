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
// As in adam_test.cpp, beta1 0.5, beta2 0.75 and epsilon 1e-300 make the numbers exact; so
// does weight_decay 0.25. The defaults are right to about 1e-8.
namespace {
const char* const exact =
    "{plugin: adamw, beta1: 0.5, beta2: 0.75, epsilon: 1e-300, weight_decay: 0.25}";
}

TEST_CASE("AdamWOptimizer: first step is alpha (sign(g) + weight_decay w)",
          "[plugin][optimizer][adamw]") {
  // Default weight_decay 0.01: w = w0 - 0.5 ([1, -1] + 0.01 [1, 1])
  const arma::vec w = hand_steps("{plugin: adamw}", 1);
  REQUIRE_THAT(w[0], WithinAbs(0.495, 1e-8));
  REQUIRE_THAT(w[1], WithinAbs(1.495, 1e-8));
}

TEST_CASE("AdamWOptimizer: two steps decay the weights before the step",
          "[plugin][optimizer][adamw]") {
  const arma::vec w1 = hand_steps(exact, 1);
  // w = w0 - 0.5 ([1, -1] + 0.25 [1, 1]) = [0.375, 1.375]
  REQUIRE_THAT(w1[0], WithinAbs(0.375, 0.0));
  REQUIRE_THAT(w1[1], WithinAbs(1.375, 0.0));
  const arma::vec w2 = hand_steps(exact, 2);
  // Adam's ratio is [(10/3) / sqrt(76/7), 0] (adam_test.cpp); the decay uses w1:
  // w = w1 - 0.5 (ratio + 0.25 [0.375, 1.375])
  REQUIRE_THAT(w2[0],
               WithinRel(0.375 - 0.5 * ((10.0 / 3.0) / std::sqrt(76.0 / 7.0) + 0.09375), 1e-15));
  REQUIRE_THAT(w2[1], WithinAbs(1.203125, 0.0));
}

TEST_CASE("AdamWOptimizer: with zero gradients w shrinks by 1 - alpha weight_decay per step",
          "[plugin][optimizer][adamw]") {
  // Decoupled: the decay never passes through m and v. (Adam with an L2 term in g would move
  // w by about alpha per step instead.)
  const auto optimizer = nnlab::test::make_optimizer("{plugin: adamw, weight_decay: 0.5}");
  optimizer->reset(2);
  arma::vec w{1.0, -4.0};
  for (int i = 0; i < 3; ++i)
    optimizer->step(w, arma::vec(2, arma::fill::zeros), 0.5);
  REQUIRE_THAT(w[0], WithinAbs(0.421875, 0.0)); // 0.75^3
  REQUIRE_THAT(w[1], WithinAbs(-1.6875, 0.0));
}

TEST_CASE("AdamWOptimizer: weight_decay 0 equals adam bit for bit", "[plugin][optimizer][adamw]") {
  REQUIRE(arma::approx_equal(hand_steps("{plugin: adamw, weight_decay: 0}", 2),
                             hand_steps("{plugin: adam}", 2), "absdiff", 0.0));
  const nnlab::test::Quadratic f{{1.0, 100.0}};
  const auto adamw = nnlab::test::make_optimizer("{plugin: adamw, weight_decay: 0}");
  const auto adam = nnlab::test::make_optimizer("{plugin: adam}");
  const arma::vec x = nnlab::test::descend(*adamw, f, {1.0, -1.0}, 0.01, 200);
  const arma::vec y = nnlab::test::descend(*adam, f, {1.0, -1.0}, 0.01, 200);
  CAPTURE(x, y);
  REQUIRE(arma::approx_equal(x, y, "absdiff", 0.0));
}

TEST_CASE("AdamWOptimizer: reset() clears m, v and t", "[plugin][optimizer][adamw]") {
  nnlab::test::check_reset_clears_state(exact, {0.375, 1.375});
}

TEST_CASE("AdamWOptimizer: a restored state continues bit for bit", "[plugin][optimizer][adamw]") {
  const auto state = nnlab::test::check_restore_continues("{plugin: adamw}");
  REQUIRE(state.size() == 3);
}

TEST_CASE("AdamWOptimizer: restore() rejects a state that does not fit",
          "[plugin][optimizer][adamw]") {
  const arma::vec three(3, arma::fill::zeros);
  const arma::vec two(2, arma::fill::zeros);
  nnlab::test::check_restore_rejects("{plugin: adamw}", 3,
                                     {{"m", two}, {"v", three}, {"t", arma::vec{2.0}}});
  nnlab::test::check_restore_rejects("{plugin: adamw}", 3,
                                     {{"m", three}, {"v", three}, {"t", arma::vec{-1.0}}});
  nnlab::test::check_restore_rejects("{plugin: adamw}", 3, {});
}

// As for adam: both coordinates move alike, and the distance to the optimum is the honest
// measure. The decay pulls towards 0, which is also the optimum here.
TEST_CASE("AdamWOptimizer: converges on an ill-conditioned quadratic",
          "[plugin][optimizer][adamw]") {
  const nnlab::test::Quadratic f{{1.0, 100.0}};
  const auto optimizer = nnlab::test::make_optimizer("{plugin: adamw}");
  const arma::vec x = nnlab::test::descend(*optimizer, f, {1.0, 1.0}, 0.01, 500);
  CAPTURE(x);
  REQUIRE(arma::norm(x) < 1e-6);
}

TEST_CASE("AdamWOptimizer: out-of-range parameters are config errors at the declared range",
          "[plugin][optimizer][adamw]") {
  const auto [key, value, range] =
      GENERATE(table<std::string, std::string, std::string>({{"beta1", "1", "in [0, 1)"},
                                                             {"beta2", "-0.5", "in [0, 1)"},
                                                             {"epsilon", "0", "> 0"},
                                                             {"weight_decay", "-0.01", ">= 0"}}));
  const std::string yaml = "{plugin: adamw, " + key + ": " + value + "}";
  CAPTURE(yaml);
  REQUIRE_THROWS_AS(nnlab::test::make_optimizer(yaml), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(
      nnlab::test::make_optimizer(yaml),
      Contains("optimizer." + key + ": expected a number " + range + ", got '" + value + "'"));
}

TEST_CASE("AdamWOptimizer: an unknown key is a config error", "[plugin][optimizer][adamw]") {
  nnlab::test::check_unknown_key("{plugin: adamw, decay: 0.01}", "decay");
}
