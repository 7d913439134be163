#pragma once

#include <cstddef>
#include <limits>
#include <span>

#include "nnlab/export.hpp"

namespace nnlab::stats {

/// Up to this many values in each sample, the rank-sum p-value is exact.
inline constexpr std::size_t rank_sum_exact_max = 25;

/// The Mann-Whitney U test of two independent samples (two-sided: does one tend to give
/// larger values than the other?). Both are ranked together with midranks for ties;
/// U = R_x - n_x (n_x + 1) / 2, R_x the rank sum of x (SciPy's statistic).
/// - both sizes <= rank_sum_exact_max: exact, from the distribution of R_x over every way
///   to pick n_x of the pooled ranks (so ties are exact too; without ties this is the
///   classical table and SciPy's method="exact"); p = min(1, 2 min(P(R <= r), P(R >= r))).
/// - beyond: normal approximation with the tie-corrected variance
///   n_x n_y / 12 ((N + 1) - tie_term / (N (N - 1))) and a continuity correction of 1/2
///   (SciPy's method="asymptotic" with its defaults).
struct RankSumTest {
  std::size_t n_x = 0, n_y = 0;
  double statistic = std::numeric_limits<double>::quiet_NaN(); ///< U of x
  double p_value = std::numeric_limits<double>::quiet_NaN();   ///< NaN when a sample is empty
  bool exact = false;
};

/// The test of x against y; p = 1 when every value ties. +inf ranks beyond every finite
/// value. Throws nnlab::Error for a NaN.
NNLAB_EXPORT RankSumTest rank_sum_test(std::span<const double> x, std::span<const double> y);

} // namespace nnlab::stats
