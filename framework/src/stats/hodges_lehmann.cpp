#include "nnlab/stats/hodges_lehmann.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "nnlab/core/error.hpp"
#include "nnlab/stats/order_statistics.hpp"
#include "nnlab/stats/rank_sum.hpp"
#include "normal_distribution.hpp"
#include "pairwise_differences.hpp"
#include "rank_distribution.hpp"

namespace nnlab::stats {

namespace {

/// The largest k with P(U <= k - 1) <= tail under the null distribution of U without ties
/// (0 when even k = 1 exceeds it).
std::size_t interval_rank(std::size_t m, std::size_t n, double tail, bool exact) {
  const auto mn = static_cast<double>(m * n);
  if (!exact) {
    const double sd = std::sqrt(mn * static_cast<double>(m + n + 1) / 12.0);
    const double k = std::floor(mn / 2.0 + 0.5 - normal_quantile(1.0 - tail) * sd);
    return k < 1.0 ? 0 : static_cast<std::size_t>(k);
  }
  // U = R_x - m(m+1)/2: the doubled rank sum of x is 2U + m(m+1) over the ranks 1..m+n
  std::vector<std::int64_t> twice(m + n);
  std::iota(twice.begin(), twice.end(), std::int64_t{1});
  for (auto& r : twice)
    r *= 2;
  const RankDistribution rank_sum = RankDistribution::subset_sums(twice, m);
  const auto offset = static_cast<std::int64_t>(m * (m + 1));
  std::size_t k = 0;
  while (rank_sum.at_most(2 * static_cast<std::int64_t>(k) + offset) <= tail)
    ++k; // P(U <= k) <= tail: k + 1 qualifies
  return k;
}

} // namespace

ShiftEstimate hodges_lehmann(std::span<const double> x, std::span<const double> y, double level) {
  if (!(level > 0.0 && level < 1.0))
    throw Error("stats: Hodges-Lehmann: level must be in (0, 1), got " + std::to_string(level));
  const PairwiseDifferences differences(x, y); // throws for NaN
  ShiftEstimate shift;
  const std::size_t mn = differences.size();
  if (mn == 0) return shift;
  shift.estimate = mn % 2 ? differences.at_rank(mn / 2 + 1)
                          : median(std::vector<double>{differences.at_rank(mn / 2),
                                                       differences.at_rank(mn / 2 + 1)});
  shift.exact = x.size() <= rank_sum_exact_max && y.size() <= rank_sum_exact_max;
  const std::size_t k = interval_rank(x.size(), y.size(), (1.0 - level) / 2.0, shift.exact);
  if (k == 0) {
    shift.low = -std::numeric_limits<double>::infinity();
    shift.high = std::numeric_limits<double>::infinity();
  } else {
    shift.low = differences.at_rank(k);
    shift.high = differences.at_rank(mn + 1 - k);
  }
  return shift;
}

} // namespace nnlab::stats
