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

TEST_CASE("BinaryCrossEntropyLoss: value of two samples by hand", "[loss][binary_cross_entropy]") {
  const auto loss = make_loss("{plugin: binary_cross_entropy}");
  const arma::mat a{{0.8, 0.3}};
  const arma::mat y{{1.0, 0.0}};
  REQUIRE_THAT(loss->value(a, y), WithinAbs(-(std::log(0.8) + std::log(0.7)) / 2, 1e-12));
}

TEST_CASE("BinaryCrossEntropyLoss: gradient is m times the numeric gradient of the value",
          "[loss][binary_cross_entropy]") {
  const arma::mat a = 0.05 + 0.9 * arma::randu<arma::mat>(1, 5);
  const arma::mat y =
      arma::conv_to<arma::mat>::from(arma::randi<arma::imat>(1, 5, arma::distr_param(0, 1)));
  nnlab::test::check_gradient_matches_value("{plugin: binary_cross_entropy}", a, y);
}

TEST_CASE("BinaryCrossEntropyLoss: outputs of exactly 0 and 1 are clipped",
          "[loss][binary_cross_entropy]") {
  const auto loss = make_loss("{plugin: binary_cross_entropy, epsilon: 1e-6}");
  const arma::mat a{{0.0, 1.0, 0.0, 1.0}};
  const arma::mat y{{1.0, 0.0, 0.0, 1.0}};
  // Two samples are fully wrong (-log 1e-6 each) and two are right (-log(1 - 1e-6) each);
  // 1 - (1 - 1e-6) is 1e-6 only to about 1e-10, hence the tolerance.
  REQUIRE_THAT(loss->value(a, y),
               WithinRel(-(2 * std::log(1e-6) + 2 * std::log(1.0 - 1e-6)) / 4, 1e-9));
  arma::mat d_a(arma::size(a));
  loss->gradient(a, y, d_a);
  CAPTURE(d_a);
  REQUIRE(d_a.is_finite());
  REQUIRE_THAT(d_a[0], WithinRel(-1e6, 1e-9)); // -y/a at a = eps
  REQUIRE_THAT(d_a[1], WithinRel(1e6, 1e-9));  // (1-y)/(1-a) at a = 1 - eps
}

TEST_CASE("BinaryCrossEntropyLoss: epsilon outside (0, 0.5) is a config error",
          "[loss][binary_cross_entropy]") {
  const std::string yaml = GENERATE(as<std::string>{}, "{plugin: binary_cross_entropy, epsilon: 0}",
                                    "{plugin: binary_cross_entropy, epsilon: 0.5}",
                                    "{plugin: binary_cross_entropy, epsilon: -1e-12}");
  CAPTURE(yaml);
  REQUIRE_THROWS_AS(make_loss(yaml), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(make_loss(yaml), Contains("loss.epsilon") && Contains("(0, 0.5)"));
}
