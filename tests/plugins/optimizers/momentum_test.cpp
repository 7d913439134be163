#include <catch2/catch.hpp>

#include "support/optimizer_checks.hpp"

using Catch::Matchers::WithinAbs;
using nnlab::test::hand_steps;

// Hand steps: w0 = [1, 1], g1 = [2, -4], g2 = [4, 2], alpha = 0.5 (optimizer_checks.hpp).

TEST_CASE("MomentumOptimizer: first step equals plain GD", "[optimizer][momentum]") {
  const arma::vec w = hand_steps("{plugin: momentum, momentum: 0.5}", 1);
  // v = -alpha g1 = [-1, 2]; w = w0 + v
  REQUIRE_THAT(w[0], WithinAbs(0.0, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(3.0, 0.0));
}

TEST_CASE("MomentumOptimizer: two steps follow v = mu v - alpha g then w += v",
          "[optimizer][momentum]") {
  const arma::vec w = hand_steps("{plugin: momentum, momentum: 0.5}", 2);
  // v = 0.5 [-1, 2] - 0.5 [4, 2] = [-2.5, 0]; w = [0, 3] + v
  REQUIRE_THAT(w[0], WithinAbs(-2.5, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(3.0, 0.0));
}

TEST_CASE("MomentumOptimizer: reset() clears the velocity", "[optimizer][momentum]") {
  nnlab::test::check_reset_clears_state("{plugin: momentum, momentum: 0.5}", {0.0, 3.0});
}

TEST_CASE("MomentumOptimizer: a restored state continues bit for bit", "[optimizer][momentum]") {
  nnlab::test::check_restore_continues("{plugin: momentum}");
}

TEST_CASE("MomentumOptimizer: restore() rejects a state that does not fit",
          "[optimizer][momentum]") {
  nnlab::test::check_restore_rejects("{plugin: momentum}", 3,
                                     {{"velocity", arma::vec(2, arma::fill::zeros)}});
  nnlab::test::check_restore_rejects("{plugin: momentum}", 3, {});
}

TEST_CASE("MomentumOptimizer: beats sgd on an ill-conditioned quadratic", "[optimizer][momentum]") {
  nnlab::test::check_beats_sgd("{plugin: momentum}");
}

TEST_CASE("MomentumOptimizer: momentum outside 0 to 1 is a config error", "[optimizer][momentum]") {
  nnlab::test::check_momentum_range("momentum");
}

TEST_CASE("MomentumOptimizer: an unknown key is a config error", "[optimizer][momentum]") {
  nnlab::test::check_unknown_key("{plugin: momentum, mu: 0.9}", "mu");
}
