#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "nnlab/core/error.hpp"
#include "support/loss_checks.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using nnlab::test::make_loss;

TEST_CASE("CategoricalCrossEntropyLoss: value of two samples by hand",
          "[loss][categorical_cross_entropy]") {
  const auto loss = make_loss("{plugin: categorical_cross_entropy}");
  const arma::mat a{{0.7, 0.2}, {0.2, 0.5}, {0.1, 0.3}};
  const arma::mat y{{1.0, 0.0}, {0.0, 0.0}, {0.0, 1.0}};
  REQUIRE_THAT(loss->value(a, y), WithinAbs(-(std::log(0.7) + std::log(0.3)) / 2, 1e-12));
}

TEST_CASE("CategoricalCrossEntropyLoss: gradient is m times the numeric gradient of the value",
          "[loss][categorical_cross_entropy]") {
  arma::mat a = 0.1 + arma::randu<arma::mat>(3, 4);
  a.each_row() /= arma::sum(a, 0); // softmax-like: every column sums to 1
  arma::mat y(3, 4, arma::fill::zeros);
  const arma::uvec labels = arma::randi<arma::uvec>(4, arma::distr_param(0, 2));
  for (arma::uword j = 0; j < 4; ++j)
    y(labels[j], j) = 1.0;
  nnlab::test::check_gradient_matches_value("{plugin: categorical_cross_entropy}", a, y);
}

TEST_CASE("CategoricalCrossEntropyLoss: outputs of exactly 0 are floored at epsilon",
          "[loss][categorical_cross_entropy]") {
  const auto loss = make_loss("{plugin: categorical_cross_entropy, epsilon: 1e-6}");
  const arma::mat a{{0.0, 1.0}, {1.0, 0.0}};
  const arma::mat y{{1.0, 1.0}, {0.0, 0.0}};
  // The first sample gives its class probability 0: -log 1e-6. The second is right: 0.
  REQUIRE_THAT(loss->value(a, y), WithinRel(-std::log(1e-6) / 2, 1e-12));
  arma::mat d_a(arma::size(a));
  loss->gradient(a, y, d_a);
  CAPTURE(d_a);
  REQUIRE(d_a.is_finite());
  REQUIRE_THAT(d_a(0, 0), WithinRel(-1e6, 1e-12));
  REQUIRE_THAT(d_a(0, 1), WithinRel(-1.0, 1e-12));
}

TEST_CASE("CategoricalCrossEntropyLoss: epsilon outside (0, 1) is a config error",
          "[loss][categorical_cross_entropy]") {
  const std::string value = GENERATE(as<std::string>{}, "0", "1", "-1e-12");
  const std::string yaml = "{plugin: categorical_cross_entropy, epsilon: " + value + "}";
  CAPTURE(yaml);
  REQUIRE_THROWS_AS(make_loss(yaml), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(make_loss(yaml),
                      Contains("loss.epsilon: expected a number in (0, 1), got '" + value + "'"));
}
