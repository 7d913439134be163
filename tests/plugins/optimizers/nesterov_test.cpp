#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "support/plugins.hpp"
#include "support/quadratic.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using nnlab::test::make_optimizer;

// Inputs are powers of two so every expected number below is exact in binary.
namespace {
const arma::vec w0{1.0, 1.0};
const arma::vec g1{2.0, -4.0}, g2{4.0, 2.0};
constexpr double alpha = 0.5;
} // namespace

TEST_CASE("NesterovOptimizer: first step is (1 + mu) times plain GD", "[optimizer][nesterov]") {
  const auto optimizer = make_optimizer("{plugin: nesterov, momentum: 0.5}");
  optimizer->reset(2);
  arma::vec w = w0;
  optimizer->step(w, g1, alpha); // w = w0 - (1 + 0.5) 0.5 [2, -4] = w0 + [-1.5, 3]
  REQUIRE_THAT(w[0], WithinAbs(-0.5, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(4.0, 0.0));
}

TEST_CASE("NesterovOptimizer: two steps follow v = mu v - alpha g then w += mu v - alpha g",
          "[optimizer][nesterov]") {
  const auto optimizer = make_optimizer("{plugin: nesterov, momentum: 0.5}");
  optimizer->reset(2);
  arma::vec w = w0;
  optimizer->step(w, g1, alpha);
  optimizer->step(w, g2, alpha); // v = [-2.5, 0]; w = [-0.5, 4] + 0.5 v - 0.5 [4, 2]
  REQUIRE_THAT(w[0], WithinAbs(-3.75, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(3.0, 0.0));
}

TEST_CASE("NesterovOptimizer: reset() clears the velocity", "[optimizer][nesterov]") {
  const auto optimizer = make_optimizer("{plugin: nesterov, momentum: 0.5}");
  optimizer->reset(2);
  arma::vec w = w0;
  optimizer->step(w, g1, alpha);
  optimizer->step(w, g2, alpha);
  optimizer->reset(2);
  w = w0;
  optimizer->step(w, g1, alpha);
  REQUIRE_THAT(w[0], WithinAbs(-0.5, 0.0));
  REQUIRE_THAT(w[1], WithinAbs(4.0, 0.0));
}

TEST_CASE("NesterovOptimizer: a restored state continues bit for bit", "[optimizer][nesterov]") {
  const nnlab::test::Quadratic f{{1.0, 100.0}};
  const auto uninterrupted = make_optimizer("{plugin: nesterov}");
  const arma::vec expected = nnlab::test::descend(*uninterrupted, f, {1.0, -1.0}, 0.009, 5);
  const auto first = make_optimizer("{plugin: nesterov}");
  arma::vec w = nnlab::test::descend(*first, f, {1.0, -1.0}, 0.009, 2);
  const auto resumed = make_optimizer("{plugin: nesterov}");
  resumed->reset(2);
  resumed->restore(first->state());
  for (int i = 0; i < 3; ++i)
    resumed->step(w, f.gradient(w), 0.009);
  REQUIRE(arma::approx_equal(w, expected, "absdiff", 0.0));
}

TEST_CASE("NesterovOptimizer: restore() rejects a state that does not fit",
          "[optimizer][nesterov]") {
  const auto optimizer = make_optimizer("{plugin: nesterov}");
  optimizer->reset(3);
  REQUIRE_THROWS_AS(optimizer->restore({{"velocity", arma::vec(2, arma::fill::zeros)}}),
                    nnlab::PluginError);
  REQUIRE_THROWS_AS(optimizer->restore({}), nnlab::PluginError);
}

TEST_CASE("NesterovOptimizer: beats sgd on an ill-conditioned quadratic", "[optimizer][nesterov]") {
  const nnlab::test::Quadratic f{{1.0, 100.0}};
  const arma::vec x0{1.0, 1.0};
  const auto sgd = make_optimizer("{plugin: sgd}");
  const auto nesterov = make_optimizer("{plugin: nesterov}");
  const double sgd_value = f.value(nnlab::test::descend(*sgd, f, x0, 0.009, 100));
  const double nesterov_value = f.value(nnlab::test::descend(*nesterov, f, x0, 0.009, 100));
  CAPTURE(sgd_value, nesterov_value);
  REQUIRE(nesterov_value < sgd_value);
}

TEST_CASE("NesterovOptimizer: momentum outside 0 to 1 is a config error", "[optimizer][nesterov]") {
  const std::string yaml =
      GENERATE(as<std::string>{}, "{plugin: nesterov, momentum: 1.5}",
               "{plugin: nesterov, momentum: -0.1}", "{plugin: nesterov, momentum: 1}");
  CAPTURE(yaml);
  REQUIRE_THROWS_AS(make_optimizer(yaml), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(make_optimizer(yaml), Contains("optimizer.momentum") && Contains("[0, 1)"));
}

TEST_CASE("NesterovOptimizer: an unknown key is a config error", "[optimizer][nesterov]") {
  REQUIRE_THROWS_AS(make_optimizer("{plugin: nesterov, mu: 0.9}"), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(make_optimizer("{plugin: nesterov, mu: 0.9}"),
                      Contains("optimizer.mu") && Contains("known:"));
}
