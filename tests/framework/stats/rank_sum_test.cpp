#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/stats/rank_sum.hpp"
#include "reference_values.hpp"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using nnlab::stats::rank_sum_test;

TEST_CASE("RankSum: p-values and U match the reference, unequal sizes, ties, infinities",
          "[stats][mann_whitney]") {
  const auto& cases = nnlab::test::stats_reference().at("rank_sum");
  REQUIRE(cases.size() >= 20);
  for (const auto& c : cases) {
    const std::vector<double> x = nnlab::test::reference_vector(c.at("x"));
    const std::vector<double> y = nnlab::test::reference_vector(c.at("y"));
    CAPTURE(c.at("note").get<std::string>(), c.at("source").get<std::string>(), x.size(), y.size());
    const auto test = rank_sum_test(x, y);
    CHECK(test.n_x == x.size());
    CHECK(test.n_y == y.size());
    CHECK(test.exact == c.at("exact").get<bool>());
    CHECK_THAT(test.statistic, WithinAbs(c.at("statistic").get<double>(), 1e-9));
    const double tolerance = test.exact ? 1e-12 : 1e-10;
    CHECK_THAT(test.p_value, WithinRel(c.at("p").get<double>(), tolerance));
  }
}

TEST_CASE("RankSum: symmetric in its samples, NaN when one is empty", "[stats][mann_whitney]") {
  const std::vector<double> x{1.5, 3.0, 3.0, 7.0}, y{2.0, 3.0, 8.0, 9.0, 10.0};
  const auto xy = rank_sum_test(x, y), yx = rank_sum_test(y, x);
  CHECK(xy.p_value == yx.p_value);
  CHECK(xy.statistic + yx.statistic == static_cast<double>(x.size() * y.size()));
  CHECK(std::isnan(rank_sum_test(x, std::vector<double>{}).p_value));
  CHECK_THROWS_AS(rank_sum_test(x, std::vector<double>{NAN}), nnlab::Error);
}
