#include <catch2/catch.hpp>

#include <string>

#include "nnlab/core/error.hpp"
#include "support/loss_checks.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using nnlab::test::make_loss;

TEST_CASE("MeanSquaredErrorLoss: value of two samples by hand",
          "[plugin][loss][mean_squared_error]") {
  const auto loss = make_loss("{plugin: mean_squared_error}");
  const arma::mat a{{0.5, -1.0}, {2.0, 3.0}};
  const arma::mat y{{1.5, -1.0}, {0.0, 3.5}};
  // Residuals [-1, 0; 2, -0.5]: C = (1 + 0 + 4 + 0.25) / (2 * 2)
  REQUIRE_THAT(loss->value(a, y), WithinAbs(5.25 / 4.0, 0.0));
}

TEST_CASE("MeanSquaredErrorLoss: gradient is the residual a - y",
          "[plugin][loss][mean_squared_error]") {
  const auto loss = make_loss("{plugin: mean_squared_error}");
  const arma::mat a{{0.5, -1.0}, {2.0, 3.0}};
  const arma::mat y{{1.5, -1.0}, {0.0, 3.5}};
  arma::mat d_a(arma::size(a));
  loss->gradient(a, y, d_a);
  REQUIRE(arma::approx_equal(d_a, arma::mat{{-1.0, 0.0}, {2.0, -0.5}}, "absdiff", 0.0));
}

TEST_CASE("MeanSquaredErrorLoss: gradient is m times the numeric gradient of the value",
          "[plugin][loss][mean_squared_error]") {
  const arma::mat a = 4.0 * arma::randu<arma::mat>(3, 5) - 2.0;
  const arma::mat y = arma::randn<arma::mat>(3, 5);
  nnlab::test::check_gradient_matches_value("{plugin: mean_squared_error}", a, y);
}

TEST_CASE("MeanSquaredErrorLoss: a target of another size is a data error",
          "[plugin][loss][mean_squared_error]") {
  const auto loss = make_loss("{plugin: mean_squared_error}");
  const arma::mat a(2, 3, arma::fill::zeros);
  const arma::mat y(1, 3, arma::fill::zeros);
  arma::mat d_a(arma::size(a));
  REQUIRE_THROWS_AS(loss->value(a, y), nnlab::DataError);
  REQUIRE_THROWS_WITH(loss->gradient(a, y, d_a), Contains("target is 1x3, output is 2x3"));
}

TEST_CASE("MeanSquaredErrorLoss: any key is unknown", "[plugin][loss][mean_squared_error]") {
  const std::string yaml = "{plugin: mean_squared_error, epsilon: 1e-12}";
  REQUIRE_THROWS_AS(make_loss(yaml), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(make_loss(yaml), Contains("loss.epsilon"));
}
