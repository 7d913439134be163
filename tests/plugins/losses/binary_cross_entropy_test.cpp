#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
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
  const std::string value = GENERATE(as<std::string>{}, "0", "0.5", "-1e-12");
  const std::string yaml = "{plugin: binary_cross_entropy, epsilon: " + value + "}";
  CAPTURE(yaml);
  REQUIRE_THROWS_AS(make_loss(yaml), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(make_loss(yaml),
                      Contains("loss.epsilon: expected a number in (0, 0.5), got '" + value + "'"));
}

TEST_CASE("BinaryCrossEntropyLoss: value over many samples equals the formula, soft labels too",
          "[loss][binary_cross_entropy]") {
  // 0/1 labels take one log per sample in blocks of 256; other labels the whole formula.
  const auto loss = make_loss("{plugin: binary_cross_entropy}");
  const bool soft = GENERATE(false, true);
  CAPTURE(soft);
  const arma::uword m = 1000;
  arma::mat a(2, m), y(2, m);
  for (arma::uword i = 0; i < a.n_elem; ++i) {
    a[i] = 0.001 + 0.998 * static_cast<double>((i * 7919) % 1000) / 1000.0;
    y[i] = soft && i == 700 ? 0.3 : static_cast<double>(i % 3 == 0);
  }
  a[5] = 0.0; // clipped
  a[9] = 1.0;
  double sum = 0.0;
  for (arma::uword i = 0; i < a.n_elem; ++i) {
    const double p = std::clamp(a[i], 1e-12, 1.0 - 1e-12);
    sum += y[i] * std::log(p) + (1.0 - y[i]) * std::log(1.0 - p);
  }
  REQUIRE_THAT(loss->value(a, y), WithinRel(-sum / m, 1e-12));
  a[300] = std::numeric_limits<double>::quiet_NaN();
  REQUIRE(std::isnan(loss->value(a, y)));
}
