#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "support/plugins.hpp"
#include "support/quadratic.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using nnlab::test::make_optimizer;

// Inputs are powers of two so every expected number below is exact in binary.
namespace {
const arma::vec w0{1.0, 1.0};
const arma::vec g1{2.0, -4.0}, g2{4.0, 2.0};
constexpr double alpha = 0.5;
} // namespace

TEST_CASE("SgdOptimizer: first step is w - alpha g", "[optimizer][sgd]") {
  const auto optimizer = make_optimizer("{plugin: sgd}");
  optimizer->reset(2);
  arma::vec w = w0;
  optimizer->step(w, g1, alpha); // w = [1, 1] - 0.5 [2, -4]
  REQUIRE_THAT(w[0], WithinAbs(0.0, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(3.0, 0.0));
}

TEST_CASE("SgdOptimizer: two steps add up the gradients", "[optimizer][sgd]") {
  const auto optimizer = make_optimizer("{plugin: sgd}");
  optimizer->reset(2);
  arma::vec w = w0;
  optimizer->step(w, g1, alpha);
  optimizer->step(w, g2, alpha); // w = [0, 3] - 0.5 [4, 2]
  REQUIRE_THAT(w[0], WithinAbs(-2.0, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(2.0, 0.0));
}

TEST_CASE("SgdOptimizer: a step after reset() equals a fresh first step", "[optimizer][sgd]") {
  const auto optimizer = make_optimizer("{plugin: sgd}");
  optimizer->reset(2);
  arma::vec w = w0;
  optimizer->step(w, g1, alpha);
  optimizer->reset(2);
  w = w0;
  optimizer->step(w, g1, alpha);
  REQUIRE_THAT(w[0], WithinAbs(0.0, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(3.0, 0.0));
}

TEST_CASE("SgdOptimizer: the state is empty and restores bit for bit", "[optimizer][sgd]") {
  const nnlab::test::Quadratic f{{1.0, 100.0}};
  const auto uninterrupted = make_optimizer("{plugin: sgd}");
  const arma::vec expected = nnlab::test::descend(*uninterrupted, f, {1.0, -1.0}, 0.009, 5);
  const auto first = make_optimizer("{plugin: sgd}");
  arma::vec w = nnlab::test::descend(*first, f, {1.0, -1.0}, 0.009, 2);
  REQUIRE(first->state().empty());
  const auto resumed = make_optimizer("{plugin: sgd}");
  resumed->reset(2);
  resumed->restore(first->state());
  for (int i = 0; i < 3; ++i)
    resumed->step(w, f.gradient(w), 0.009);
  REQUIRE(arma::approx_equal(w, expected, "absdiff", 0.0));
}

TEST_CASE("SgdOptimizer: restore() rejects a non-empty state", "[optimizer][sgd]") {
  const auto optimizer = make_optimizer("{plugin: sgd}");
  optimizer->reset(2);
  REQUIRE_THROWS_AS(optimizer->restore({{"velocity", arma::vec(2, arma::fill::zeros)}}),
                    nnlab::PluginError);
}

TEST_CASE("SgdOptimizer: 100 steps on a quadratic give (1 - alpha c)^100 x0", "[optimizer][sgd]") {
  const nnlab::test::Quadratic f{{1.0, 100.0}};
  const auto optimizer = make_optimizer("{plugin: sgd}");
  const arma::vec x = nnlab::test::descend(*optimizer, f, {1.0, 1.0}, 0.009, 100);
  REQUIRE_THAT(x[0], WithinRel(std::pow(1.0 - 0.009, 100), 1e-12));
  REQUIRE_THAT(x[1], WithinAbs(0.0, 1e-90)); // 0.1^100
}

TEST_CASE("SgdOptimizer: any key is unknown", "[optimizer][sgd]") {
  REQUIRE_THROWS_AS(make_optimizer("{plugin: sgd, momentum: 0.9}"), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(make_optimizer("{plugin: sgd, momentum: 0.9}"),
                      Contains("optimizer.momentum") && Contains("known:"));
}
