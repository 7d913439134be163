#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace nnlab::stats {

/// The m n differences difference(x_i, y_j) of two samples, in ascending order, read by
/// rank. Up to `held_max` of them are computed and sorted; beyond, none is stored: the
/// k-th is the smallest double d with at least k differences <= d, found by bisection over
/// the order of the doubles (64 steps), each step counting in O(m log n) on the sorted
/// samples, since x_i - y_j falls as y_j grows. Both ways give the same numbers.
class PairwiseDifferences {
public:
  static constexpr std::size_t held_max = 1'000'000;

  /// Throws nnlab::Error for a NaN.
  PairwiseDifferences(std::span<const double> x, std::span<const double> y,
                      std::size_t hold_up_to = held_max);

  std::size_t size() const { return x_.size() * y_.size(); }
  /// The k-th smallest, 1 <= k <= size().
  double at_rank(std::size_t k) const;

private:
  /// How many differences are <= d.
  std::size_t count_at_most(double d) const;

  std::vector<double> x_, y_; ///< sorted
  std::vector<double> held_;  ///< every difference, sorted; empty beyond hold_up_to
};

} // namespace nnlab::stats
