#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace nnlab::stats {

/// The exact null distribution of a rank statistic, as counts over its values. Ranks enter
/// doubled (midranks are multiples of 1/2, so 2 r is a whole number): sums are whole
/// numbers, and every count stays an integer a double holds exactly (at most C(50, 25)).
class RankDistribution {
public:
  /// The distribution of the sum of the ranks given a + sign, over all 2^n sign patterns
  /// (the signed-rank statistic 2 R+).
  static RankDistribution signed_sums(std::span<const std::int64_t> doubled_ranks);
  /// The distribution of the sum of `chosen` of the ranks, over every way to choose them
  /// (the rank-sum statistic 2 R_x).
  static RankDistribution subset_sums(std::span<const std::int64_t> doubled_ranks,
                                      std::size_t chosen);

  /// P(S <= s) and P(S >= s).
  double at_most(std::int64_t s) const;
  double at_least(std::int64_t s) const;
  /// min(1, 2 min(P(S <= s), P(S >= s))).
  double two_sided(std::int64_t s) const;

private:
  std::vector<double> counts_; ///< counts_[s]: how many outcomes sum to s
  double total_ = 0.0;
};

/// 2 r as a whole number, for a rank r that is a multiple of 1/2.
std::int64_t doubled(double rank);

} // namespace nnlab::stats
