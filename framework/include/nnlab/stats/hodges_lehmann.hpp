#pragma once

#include <limits>
#include <span>

#include "nnlab/export.hpp"

namespace nnlab::stats {

/// The Hodges-Lehmann estimate of the shift between two independent samples and its
/// distribution-free confidence interval (Hollander and Wolfe, Nonparametric Statistical
/// Methods, 4.3): with D_(1) <= ... <= D_(mn) the m n differences x_i - y_j,
/// - the estimate is their median;
/// - the interval is [D_(k), D_(mn+1-k)], k the largest whole number with
///   P(U <= k - 1) <= (1 - level) / 2 under the null distribution of Mann-Whitney's U
///   without ties: exact when both sizes are <= rank_sum_exact_max, else from the normal
///   approximation (k = floor(mn/2 + 1/2 - z sqrt(mn (m + n + 1) / 12))). Its coverage is at
///   least `level`; when no k >= 1 reaches it (3 against 3 at 95 %), the interval is
///   (-inf, +inf).
/// Infinite values follow difference(): +inf against +inf is a difference of 0.
struct ShiftEstimate {
  double estimate = std::numeric_limits<double>::quiet_NaN();
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
  bool exact = false; ///< the interval's k from the exact distribution
};

/// The shift of x relative to y (x - y). NaN everywhere when a sample is empty; throws
/// nnlab::Error for a NaN value or a level outside (0, 1).
NNLAB_EXPORT ShiftEstimate hodges_lehmann(std::span<const double> x, std::span<const double> y,
                                          double level = 0.95);

} // namespace nnlab::stats
