#include "nnlab/stats/signed_rank.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "nnlab/stats/order_statistics.hpp"
#include "normal_distribution.hpp"
#include "rank_distribution.hpp"

namespace nnlab::stats {

SignedRankTest signed_rank_test(std::span<const double> differences) {
  std::vector<double> nonzero, magnitude;
  for (const double d : differences)
    if (d != 0.0) {
      nonzero.push_back(d);
      magnitude.push_back(std::fabs(d));
    }
  const std::vector<double> ranks = midranks(magnitude); // throws for NaN
  SignedRankTest test;
  test.n = nonzero.size();
  if (differences.empty()) return test;
  if (test.n == 0) { // every difference zero: nothing points either way
    test.statistic = 0.0;
    test.p_value = 1.0;
    test.exact = true;
    return test;
  }
  double r_plus = 0.0, total = 0.0;
  for (std::size_t i = 0; i < test.n; ++i) {
    total += ranks[i];
    if (nonzero[i] > 0.0) r_plus += ranks[i];
  }
  test.statistic = std::min(r_plus, total - r_plus);
  test.exact = test.n <= signed_rank_exact_max;
  if (test.exact) {
    std::vector<std::int64_t> twice;
    for (const double r : ranks)
      twice.push_back(doubled(r));
    test.p_value = RankDistribution::signed_sums(twice).two_sided(doubled(r_plus));
    return test;
  }
  const auto n = static_cast<double>(test.n);
  const double mean = n * (n + 1.0) / 4.0;
  const double variance = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - tie_term(magnitude) / 48.0;
  test.p_value = variance > 0.0 ? two_sided_normal_p((r_plus - mean) / std::sqrt(variance)) : 1.0;
  return test;
}

} // namespace nnlab::stats
