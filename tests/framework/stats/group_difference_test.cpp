#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/stats/group_difference.hpp"
#include "nnlab/stats/rank_sum.hpp"
#include "nnlab/stats/signed_rank.hpp"

using Catch::Matchers::Contains;

TEST_CASE("GroupDifference: paired, group minus baseline, wins by direction",
          "[stats][group_difference]") {
  const std::vector<double> baseline{40, 30, 50, 20, 45, 35};
  const std::vector<double> group{10, 30, 20, 25, 5, 15};
  const auto lower = nnlab::stats::compare_paired(group, baseline, true);
  CHECK(lower.paired);
  CHECK(lower.n == 6);
  // differences -30, 0, -30, 5, -40, -20: the mean of the sorted middle two
  CHECK(lower.difference == -25.0);
  CHECK(lower.low <= lower.difference);
  CHECK(lower.difference <= lower.high);
  // 4 wins, a tie (half) and a loss, lower being better
  CHECK(lower.win_rate == 4.5 / 6.0);
  const std::vector<double> differences{-30, 0, -30, 5, -40, -20};
  CHECK(lower.p_value == nnlab::stats::signed_rank_test(differences).p_value);
  CHECK(lower.test == "Wilcoxon signed-rank, exact");
  CHECK_THAT(lower.interval, Contains("95 % percentile bootstrap of the median, 10000 resamples"));
  // the same numbers as accuracies: higher is better, the wins turn round
  CHECK(nnlab::stats::compare_paired(group, baseline, false).win_rate == 1.5 / 6.0);
  CHECK_THROWS_AS(nnlab::stats::compare_paired(group, std::vector<double>{1.0}, true),
                  nnlab::Error);
}

TEST_CASE("GroupDifference: unpaired, Hodges-Lehmann and the chance of being better",
          "[stats][group_difference]") {
  const std::vector<double> baseline{900, 1200, INFINITY, 1500, INFINITY};
  const std::vector<double> group{400, 700, 650, INFINITY};
  const auto result = nnlab::stats::compare_unpaired(group, baseline, true);
  CHECK_FALSE(result.paired);
  CHECK(result.n == 4);
  CHECK(result.n_baseline == 5);
  const auto test = nnlab::stats::rank_sum_test(group, baseline);
  CHECK(result.p_value == test.p_value);
  // lower is better: the group wins n m - U of the n m comparisons (ties half)
  CHECK(result.win_rate == (20.0 - test.statistic) / 20.0);
  CHECK(result.test == "Mann-Whitney U, exact");
  CHECK(result.interval == "95 % Hodges-Lehmann interval, exact");
  CHECK(result.difference < 0.0);
}
