#include <catch2/catch.hpp>

#include <cmath>

#include "support/optimizer_checks.hpp"
#include "support/plugins.hpp"
#include "support/quadratic.hpp"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using nnlab::test::hand_steps;

// Hand steps: w0 = [1, 1], g1 = [2, -4], g2 = [4, 2], alpha = 0.5 (optimizer_checks.hpp).

TEST_CASE("SgdOptimizer: first step is w - alpha g", "[optimizer][sgd]") {
  const arma::vec w = hand_steps("{plugin: sgd}", 1); // w = [1, 1] - 0.5 [2, -4]
  REQUIRE_THAT(w[0], WithinAbs(0.0, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(3.0, 0.0));
}

TEST_CASE("SgdOptimizer: two steps add up the gradients", "[optimizer][sgd]") {
  const arma::vec w = hand_steps("{plugin: sgd}", 2); // w = [0, 3] - 0.5 [4, 2]
  REQUIRE_THAT(w[0], WithinAbs(-2.0, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(2.0, 0.0));
}

TEST_CASE("SgdOptimizer: a step after reset() equals a fresh first step", "[optimizer][sgd]") {
  nnlab::test::check_reset_clears_state("{plugin: sgd}", {0.0, 3.0});
}

TEST_CASE("SgdOptimizer: the state is empty and restores bit for bit", "[optimizer][sgd]") {
  REQUIRE(nnlab::test::check_restore_continues("{plugin: sgd}").empty());
}

TEST_CASE("SgdOptimizer: restore() rejects a non-empty state", "[optimizer][sgd]") {
  nnlab::test::check_restore_rejects("{plugin: sgd}", 2,
                                     {{"velocity", arma::vec(2, arma::fill::zeros)}});
}

TEST_CASE("SgdOptimizer: 100 steps on a quadratic give (1 - alpha c)^100 x0", "[optimizer][sgd]") {
  const nnlab::test::Quadratic f{{1.0, 100.0}};
  const auto optimizer = nnlab::test::make_optimizer("{plugin: sgd}");
  const arma::vec x = nnlab::test::descend(*optimizer, f, {1.0, 1.0}, 0.009, 100);
  REQUIRE_THAT(x[0], WithinRel(std::pow(1.0 - 0.009, 100), 1e-12));
  REQUIRE_THAT(x[1], WithinAbs(0.0, 1e-90)); // 0.1^100
}

TEST_CASE("SgdOptimizer: any key is unknown", "[optimizer][sgd]") {
  nnlab::test::check_unknown_key("{plugin: sgd, momentum: 0.9}", "momentum");
}
