#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/stats/order_statistics.hpp"

namespace stats = nnlab::stats;

namespace {
const double inf = INFINITY;
} // namespace

TEST_CASE("OrderStatistics: midranks share tied places, infinity ranks last", "[stats][ranks]") {
  // scipy.stats.rankdata([3, 1, 4, 1, 5, inf, 5]) = [3, 1.5, 4, 1.5, 5.5, 7, 5.5]
  CHECK(stats::midranks(std::vector<double>{3, 1, 4, 1, 5, inf, 5}) ==
        std::vector<double>{3, 1.5, 4, 1.5, 5.5, 7, 5.5});
  CHECK(stats::midranks(std::vector<double>{inf, inf, -inf}) == std::vector<double>{2.5, 2.5, 1});
  // groups of 2 and 3: (8 - 2) + (27 - 3)
  CHECK(stats::tie_term(std::vector<double>{1, 2, 2, 7, 7, 7, 9}) == 30.0);
  CHECK_THROWS_AS(stats::midranks(std::vector<double>{1, NAN}), nnlab::Error);
}

TEST_CASE("OrderStatistics: median and quantiles keep infinities meaningful", "[stats][ranks]") {
  CHECK(stats::median({5, 1, 3}) == 3.0);
  CHECK(stats::median({4, 1, 3, 2}) == 2.5);
  CHECK(stats::median({1, 2, inf, inf}) == inf);
  CHECK(std::isnan(stats::median({-inf, inf})));
  CHECK(std::isnan(stats::median({})));
  // numpy.percentile([1, 2, 3, 4], 25) = 1.75
  const std::vector<double> sorted{1, 2, 3, 4};
  CHECK(stats::quantile_of_sorted(sorted, 0.25) == 1.75);
  CHECK(stats::quantile_of_sorted(sorted, 1.0) == 4.0);
  CHECK(stats::quantile_of_sorted(std::vector<double>{1, inf, inf}, 0.5) == inf);
  CHECK(stats::quantile_of_sorted(std::vector<double>{1, 3, inf}, 0.5) == 3.0);
  CHECK(stats::difference(inf, inf) == 0.0);
  CHECK(stats::difference(inf, 30.0) == inf);
  CHECK(stats::difference(2.0, 5.0) == -3.0);
}
