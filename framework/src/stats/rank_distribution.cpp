#include "rank_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace nnlab::stats {

RankDistribution RankDistribution::signed_sums(std::span<const std::int64_t> doubled_ranks) {
  RankDistribution d;
  const auto max = std::accumulate(doubled_ranks.begin(), doubled_ranks.end(), std::int64_t{0});
  d.counts_.assign(static_cast<std::size_t>(max) + 1, 0.0);
  d.counts_[0] = 1.0;
  std::int64_t reach = 0;
  for (const std::int64_t a : doubled_ranks) {
    reach += a;
    for (std::int64_t s = reach; s >= a; --s)
      d.counts_[static_cast<std::size_t>(s)] += d.counts_[static_cast<std::size_t>(s - a)];
  }
  d.total_ = std::ldexp(1.0, static_cast<int>(doubled_ranks.size()));
  return d;
}

RankDistribution RankDistribution::subset_sums(std::span<const std::int64_t> doubled_ranks,
                                               std::size_t chosen) {
  const auto max = std::accumulate(doubled_ranks.begin(), doubled_ranks.end(), std::int64_t{0});
  const std::size_t width = static_cast<std::size_t>(max) + 1;
  // ways[k * width + s]: subsets of k of the ranks seen so far that sum to s
  std::vector<double> ways((chosen + 1) * width, 0.0);
  ways[0] = 1.0;
  std::size_t seen = 0;
  std::int64_t reach = 0;
  for (const std::int64_t a : doubled_ranks) {
    ++seen;
    reach += a;
    for (std::size_t k = std::min(seen, chosen); k >= 1; --k)
      for (std::int64_t s = reach; s >= a; --s)
        ways[k * width + static_cast<std::size_t>(s)] +=
            ways[(k - 1) * width + static_cast<std::size_t>(s - a)];
  }
  RankDistribution d;
  d.counts_.assign(ways.begin() + static_cast<std::ptrdiff_t>(chosen * width), ways.end());
  d.total_ = std::accumulate(d.counts_.begin(), d.counts_.end(), 0.0);
  return d;
}

double RankDistribution::at_most(std::int64_t s) const {
  if (s < 0) return 0.0;
  const auto end = std::min<std::size_t>(static_cast<std::size_t>(s) + 1, counts_.size());
  return std::accumulate(counts_.begin(), counts_.begin() + static_cast<std::ptrdiff_t>(end), 0.0) /
         total_;
}

double RankDistribution::at_least(std::int64_t s) const {
  // summed from its own end, not 1 - at_most(s - 1): whole counts add exactly, so the two
  // tails of a symmetric distribution come out equal to the bit
  const auto begin =
      std::min<std::size_t>(static_cast<std::size_t>(std::max<std::int64_t>(s, 0)), counts_.size());
  return std::accumulate(counts_.begin() + static_cast<std::ptrdiff_t>(begin), counts_.end(), 0.0) /
         total_;
}

double RankDistribution::two_sided(std::int64_t s) const {
  return std::min(1.0, 2.0 * std::min(at_most(s), at_least(s)));
}

std::int64_t doubled(double rank) {
  return std::llround(2.0 * rank);
}

} // namespace nnlab::stats
