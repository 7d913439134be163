#include "nnlab/stats/rank_sum.hpp"

#include <cmath>
#include <vector>

#include "nnlab/stats/order_statistics.hpp"
#include "normal_distribution.hpp"
#include "rank_distribution.hpp"

namespace nnlab::stats {

RankSumTest rank_sum_test(std::span<const double> x, std::span<const double> y) {
  std::vector<double> pooled(x.begin(), x.end());
  pooled.insert(pooled.end(), y.begin(), y.end());
  const std::vector<double> ranks = midranks(pooled); // throws for NaN
  RankSumTest test;
  test.n_x = x.size();
  test.n_y = y.size();
  if (x.empty() || y.empty()) return test;
  const auto m = static_cast<double>(test.n_x), n = static_cast<double>(test.n_y);
  double r_x = 0.0;
  for (std::size_t i = 0; i < test.n_x; ++i)
    r_x += ranks[i];
  test.statistic = r_x - m * (m + 1.0) / 2.0;
  test.exact = test.n_x <= rank_sum_exact_max && test.n_y <= rank_sum_exact_max;
  if (test.exact) {
    std::vector<std::int64_t> twice;
    for (const double r : ranks)
      twice.push_back(doubled(r));
    test.p_value = RankDistribution::subset_sums(twice, test.n_x).two_sided(doubled(r_x));
    return test;
  }
  const double total = m + n;
  const double variance =
      m * n / 12.0 * ((total + 1.0) - tie_term(pooled) / (total * (total - 1.0)));
  if (variance <= 0.0) { // every value ties
    test.p_value = 1.0;
    return test;
  }
  // |U - mn/2| less the continuity correction, as SciPy's default
  const double distance = std::fabs(test.statistic - m * n / 2.0) - 0.5;
  test.p_value = distance <= 0.0 ? 1.0 : two_sided_normal_p(distance / std::sqrt(variance));
  return test;
}

} // namespace nnlab::stats
