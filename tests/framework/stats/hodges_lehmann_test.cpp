#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/stats/hodges_lehmann.hpp"
#include "nnlab/stats/order_statistics.hpp"
#include "reference_values.hpp"

using Catch::Matchers::WithinAbs;
using nnlab::stats::hodges_lehmann;
using nnlab::test::reference_number;

TEST_CASE("HodgesLehmann: shift and interval match the reference", "[stats][hodges_lehmann]") {
  const auto& cases = nnlab::test::stats_reference().at("hodges_lehmann");
  REQUIRE(cases.size() >= 8);
  for (const auto& c : cases) {
    const std::vector<double> x = nnlab::test::reference_vector(c.at("x"));
    const std::vector<double> y = nnlab::test::reference_vector(c.at("y"));
    CAPTURE(c.at("note").get<std::string>(), x.size(), y.size(), c.at("k").get<int>());
    const auto shift = hodges_lehmann(x, y);
    CHECK(shift.exact == c.at("exact").get<bool>());
    // the interval's ends are differences of the data: equal, not close
    CHECK(shift.low == reference_number(c.at("low")));
    CHECK(shift.high == reference_number(c.at("high")));
    const double estimate = reference_number(c.at("estimate"));
    if (std::isinf(estimate))
      CHECK(shift.estimate == estimate);
    else
      CHECK_THAT(shift.estimate, WithinAbs(estimate, 1e-12));
  }
}

TEST_CASE("HodgesLehmann: a pure shift is found exactly, a wider level widens the interval",
          "[stats][hodges_lehmann]") {
  const std::vector<double> y{1, 4, 9, 16, 25, 36, 49, 64};
  std::vector<double> x;
  for (const double v : y)
    x.push_back(v + 2.5);
  const auto at_95 = hodges_lehmann(x, y), at_80 = hodges_lehmann(x, y, 0.8);
  CHECK(at_95.estimate == 2.5);
  CHECK(at_95.low < at_80.low);
  CHECK(at_80.high < at_95.high);
  CHECK(std::isnan(hodges_lehmann(x, std::vector<double>{}).estimate));
  CHECK_THROWS_AS(hodges_lehmann(x, y, 1.0), nnlab::Error);
}

TEST_CASE("HodgesLehmann: beyond a million differences, the same numbers without holding them",
          "[stats][hodges_lehmann]") {
  // 1100 x 1000 differences: found by bisection, checked against all of them sorted; with
  // ties and runs that never reached a target (+inf) on both sides
  nnlab::Rng rng(7);
  std::vector<double> x(1100), y(1000);
  for (double& v : x)
    v = std::round(rng.normal() * 50.0) + 20.0;
  for (double& v : y)
    v = std::round(rng.normal() * 50.0);
  for (std::size_t i = 0; i < 40; ++i)
    x[i * 7] = y[i * 9] = INFINITY;
  std::vector<double> all;
  for (const double a : x)
    for (const double b : y)
      all.push_back(nnlab::stats::difference(a, b));
  std::sort(all.begin(), all.end());
  const auto shift = hodges_lehmann(x, y);
  CHECK_FALSE(shift.exact);
  const std::size_t mn = all.size();
  CHECK(shift.estimate == 0.5 * (all[mn / 2 - 1] + all[mn / 2]));
  // k from the normal approximation, as the reference's large cases
  const double sd = std::sqrt(static_cast<double>(mn) * (1100 + 1000 + 1) / 12.0);
  const auto k = static_cast<std::size_t>(std::floor(mn / 2.0 + 0.5 - 1.959963984540054 * sd));
  CHECK(shift.low == all[k - 1]);
  CHECK(shift.high == all[mn - k]);
}
