#include <catch2/catch.hpp>

#include "support/optimizer_checks.hpp"

using Catch::Matchers::WithinAbs;
using nnlab::test::hand_steps;

// Hand steps: w0 = [1, 1], g1 = [2, -4], g2 = [4, 2], alpha = 0.5 (optimizer_checks.hpp).

TEST_CASE("NesterovOptimizer: first step is (1 + mu) times plain GD", "[optimizer][nesterov]") {
  const arma::vec w = hand_steps("{plugin: nesterov, momentum: 0.5}", 1);
  // w = w0 - (1 + 0.5) 0.5 [2, -4] = w0 + [-1.5, 3]
  REQUIRE_THAT(w[0], WithinAbs(-0.5, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(4.0, 0.0));
}

TEST_CASE("NesterovOptimizer: two steps follow v = mu v - alpha g then w += mu v - alpha g",
          "[optimizer][nesterov]") {
  const arma::vec w = hand_steps("{plugin: nesterov, momentum: 0.5}", 2);
  // v = [-2.5, 0]; w = [-0.5, 4] + 0.5 v - 0.5 [4, 2]
  REQUIRE_THAT(w[0], WithinAbs(-3.75, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(3.0, 0.0));
}

TEST_CASE("NesterovOptimizer: reset() clears the velocity", "[optimizer][nesterov]") {
  nnlab::test::check_reset_clears_state("{plugin: nesterov, momentum: 0.5}", {-0.5, 4.0});
}

TEST_CASE("NesterovOptimizer: a restored state continues bit for bit", "[optimizer][nesterov]") {
  nnlab::test::check_restore_continues("{plugin: nesterov}");
}

TEST_CASE("NesterovOptimizer: restore() rejects a state that does not fit",
          "[optimizer][nesterov]") {
  nnlab::test::check_restore_rejects("{plugin: nesterov}", 3,
                                     {{"velocity", arma::vec(2, arma::fill::zeros)}});
  nnlab::test::check_restore_rejects("{plugin: nesterov}", 3, {});
}

TEST_CASE("NesterovOptimizer: beats sgd on an ill-conditioned quadratic", "[optimizer][nesterov]") {
  nnlab::test::check_beats_sgd("{plugin: nesterov}");
}

TEST_CASE("NesterovOptimizer: momentum outside 0 to 1 is a config error", "[optimizer][nesterov]") {
  nnlab::test::check_momentum_range("nesterov");
}

TEST_CASE("NesterovOptimizer: an unknown key is a config error", "[optimizer][nesterov]") {
  nnlab::test::check_unknown_key("{plugin: nesterov, mu: 0.9}", "mu");
}
