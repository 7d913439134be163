#pragma once

#include <span>
#include <vector>

#include "nnlab/export.hpp"

/// Order statistics that stay defined when values are infinite: a run that never reaches a
/// target counts as +inf, later than any that does, and these functions keep it so.
namespace nnlab::stats {

/// a - b, except 0 when a == b: two runs that both never reached a target (+inf each) tie,
/// where inf - inf would give NaN.
NNLAB_EXPORT double difference(double a, double b);

/// The median (the mean of the two middle values for an even count; +inf beside a finite
/// value is +inf, -inf beside +inf is NaN); NaN when empty. Throws nnlab::Error for a NaN.
NNLAB_EXPORT double median(std::vector<double> values);

/// The q-quantile (0 <= q <= 1) of ascending `sorted` values by linear interpolation
/// between the closest ranks, numpy.percentile's default: position (n - 1) q. A position
/// that falls on a value gives that value, so infinite values never make NaN there.
NNLAB_EXPORT double quantile_of_sorted(std::span<const double> sorted, double q);

/// Average ranks, 1-based, in input order: tied values share the mean of the ranks they
/// span ("midranks", scipy.stats.rankdata's default); +inf ranks after every finite value.
/// Throws nnlab::Error for a NaN.
NNLAB_EXPORT std::vector<double> midranks(std::span<const double> values);

/// Sum over the groups of equal values of t^3 - t (t: the group's size): what ties take
/// from the variance of a rank statistic.
NNLAB_EXPORT double tie_term(std::span<const double> values);

} // namespace nnlab::stats
