#pragma once

#include <cstddef>
#include <limits>
#include <span>

#include "nnlab/export.hpp"

namespace nnlab::stats {

/// Up to this many non-zero differences, the signed-rank p-value is exact.
inline constexpr std::size_t signed_rank_exact_max = 25;

/// Wilcoxon's signed-rank test of paired differences d_i (two-sided: is their distribution
/// symmetric about 0?). Zeros are dropped first (Wilcoxon's rule, SciPy's default
/// zero_method="wilcox"); the others are ranked by |d| with midranks for ties, R+ and R-
/// sum the ranks of the positive and negative ones.
/// - n <= signed_rank_exact_max: exact, from the distribution of R+ over all 2^n sign
///   patterns of these very ranks (so ties are exact too; without ties this is the
///   classical table and SciPy's method="exact"); p = min(1, 2 min(P(R+ <= r), P(R+ >= r))).
/// - beyond: normal approximation, mean n(n+1)/4, variance n(n+1)(2n+1)/24 - tie_term/48,
///   no continuity correction (SciPy's method="approx" with its defaults).
struct SignedRankTest {
  std::size_t n = 0; ///< the non-zero differences the test used
  double statistic = std::numeric_limits<double>::quiet_NaN(); ///< min(R+, R-), as SciPy
  double p_value = std::numeric_limits<double>::quiet_NaN();   ///< NaN without differences
  bool exact = false;
};

/// The test of `differences`; every difference zero gives p = 1 (no evidence either
/// way), none gives NaN. +inf and -inf rank beyond every finite difference. Throws
/// nnlab::Error for a NaN.
NNLAB_EXPORT SignedRankTest signed_rank_test(std::span<const double> differences);

} // namespace nnlab::stats
