#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/stats/bootstrap.hpp"
#include "reference_values.hpp"

using nnlab::stats::bootstrap_median;

TEST_CASE("Bootstrap: the percentile interval lands on the exact bootstrap quantiles",
          "[stats][bootstrap]") {
  // For odd n the resampled median is an order statistic whose exact probabilities the
  // reference computed from the binomial distribution; 10000 resamples must find the
  // order statistics where that distribution crosses 2.5 % and 97.5 %.
  const auto& cases = nnlab::test::stats_reference().at("bootstrap_median");
  REQUIRE(cases.size() >= 5);
  for (const auto& c : cases) {
    const std::vector<double> values = nnlab::test::reference_vector(c.at("values"));
    CAPTURE(values.size());
    nnlab::stats::BootstrapSettings settings;
    settings.resamples = c.at("resamples").get<std::size_t>();
    settings.level = c.at("level").get<double>();
    for (const std::uint64_t seed : {1, 2, 3}) {
      CAPTURE(seed);
      settings.seed = seed;
      const auto interval = bootstrap_median(values, settings);
      CHECK(interval.estimate == c.at("median").get<double>());
      CHECK(interval.low == c.at("low").get<double>());
      CHECK(interval.high == c.at("high").get<double>());
    }
  }
}

TEST_CASE("Bootstrap: seeded, so the same values give the same interval", "[stats][bootstrap]") {
  const std::vector<double> values{0.3, -1.2, 0.8, 0.05, 2.2, -0.4, 1.1, 0.9, -0.1, 0.6, 1.4, 0.0};
  const auto a = bootstrap_median(values), b = bootstrap_median(values);
  CHECK(a.low == b.low);
  CHECK(a.high == b.high);
  CHECK(a.low <= a.estimate);
  CHECK(a.estimate <= a.high);
  CHECK_THAT(a.estimate, Catch::Matchers::WithinAbs(0.45, 1e-15)); // even n: mean of middle two
  nnlab::stats::BootstrapSettings narrow;
  narrow.level = 0.5;
  const auto c = bootstrap_median(values, narrow);
  CHECK(c.low >= a.low);
  CHECK(c.high <= a.high);
}

TEST_CASE("Bootstrap: one value, infinite values, bad settings", "[stats][bootstrap]") {
  const auto one = bootstrap_median(std::vector<double>{4.0});
  CHECK(one.low == 4.0);
  CHECK(one.high == 4.0);
  // runs that never reached a target differ by +inf: the interval may end there
  const double inf = INFINITY;
  const auto never = bootstrap_median(std::vector<double>{inf, inf, inf, 100, 200});
  CHECK(never.estimate == inf);
  CHECK(never.high == inf);
  CHECK(never.low == 100.0);
  CHECK(std::isnan(bootstrap_median(std::vector<double>{}).estimate));
  nnlab::stats::BootstrapSettings none;
  none.resamples = 0;
  CHECK_THROWS_AS(bootstrap_median(std::vector<double>{1.0}, none), nnlab::Error);
  CHECK_THROWS_AS(bootstrap_median(std::vector<double>{NAN}), nnlab::Error);
}
