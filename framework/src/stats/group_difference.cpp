#include "nnlab/stats/group_difference.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "nnlab/core/error.hpp"
#include "nnlab/stats/hodges_lehmann.hpp"
#include "nnlab/stats/order_statistics.hpp"
#include "nnlab/stats/rank_sum.hpp"
#include "nnlab/stats/signed_rank.hpp"

namespace nnlab::stats {

namespace {

/// 1 when a is the better value, 1/2 for a tie, 0 when b is.
double win(double a, double b, bool lower_is_better) {
  if (a == b) return 0.5;
  return (lower_is_better ? a < b : a > b) ? 1.0 : 0.0;
}

std::string exactness(bool exact) {
  return exact ? "exact" : "normal approximation";
}

std::string level_text(double level) {
  const double percent = 100.0 * level;
  return (percent == std::floor(percent) ? std::to_string(static_cast<int>(percent))
                                         : std::to_string(percent)) +
         " %";
}

} // namespace

GroupDifference compare_paired(std::span<const double> group, std::span<const double> baseline,
                               bool lower_is_better, const BootstrapSettings& bootstrap) {
  if (group.size() != baseline.size())
    throw Error("stats: paired comparison: " + std::to_string(group.size()) + " values against " +
                std::to_string(baseline.size()));
  GroupDifference result;
  result.paired = true;
  result.n = result.n_baseline = group.size();
  std::vector<double> differences;
  double wins = 0.0;
  for (std::size_t i = 0; i < group.size(); ++i) {
    differences.push_back(difference(group[i], baseline[i]));
    wins += win(group[i], baseline[i], lower_is_better);
  }
  const SignedRankTest test = signed_rank_test(differences);
  const BootstrapInterval interval = bootstrap_median(differences, bootstrap);
  result.difference = interval.estimate;
  result.low = interval.low;
  result.high = interval.high;
  result.p_value = test.p_value;
  if (!group.empty()) result.win_rate = wins / static_cast<double>(group.size());
  result.test = "Wilcoxon signed-rank, " + exactness(test.exact);
  result.interval = level_text(bootstrap.level) + " percentile bootstrap of the median, " +
                    std::to_string(bootstrap.resamples) + " resamples";
  return result;
}

GroupDifference compare_unpaired(std::span<const double> group, std::span<const double> baseline,
                                 bool lower_is_better, double level) {
  GroupDifference result;
  result.n = group.size();
  result.n_baseline = baseline.size();
  const RankSumTest test = rank_sum_test(group, baseline);
  const ShiftEstimate shift = hodges_lehmann(group, baseline, level);
  result.difference = shift.estimate;
  result.low = shift.low;
  result.high = shift.high;
  result.p_value = test.p_value;
  if (!group.empty() && !baseline.empty()) {
    double wins = 0.0;
    for (const double a : group)
      for (const double b : baseline)
        wins += win(a, b, lower_is_better);
    result.win_rate = wins / static_cast<double>(group.size() * baseline.size());
  }
  result.test = "Mann-Whitney U, " + exactness(test.exact);
  result.interval = level_text(level) + " Hodges-Lehmann interval, " + exactness(shift.exact);
  return result;
}

} // namespace nnlab::stats
