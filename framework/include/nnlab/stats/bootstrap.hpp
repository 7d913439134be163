#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include "nnlab/export.hpp"

namespace nnlab::stats {

/// How a bootstrap interval is drawn: seeded, so the same values give the same interval.
struct BootstrapSettings {
  std::size_t resamples = 10000;
  double level = 0.95;
  std::uint64_t seed = 1;
};

/// The median of `values` with its percentile bootstrap interval (Efron): `resamples`
/// times, n values drawn with replacement (nnlab::Rng seeded with settings.seed, so the
/// same values and settings give the same interval on every machine), their median taken;
/// the interval is the (1 - level)/2 and (1 + level)/2 quantiles of those medians
/// (quantile_of_sorted: numpy.percentile's linear rule, as scipy.stats.bootstrap's
/// method="percentile").
struct BootstrapInterval {
  double estimate = std::numeric_limits<double>::quiet_NaN(); ///< the median of the values
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
};

/// NaN everywhere without values. Throws nnlab::Error for a NaN value, no resamples, or a
/// level outside (0, 1).
NNLAB_EXPORT BootstrapInterval bootstrap_median(std::span<const double> values,
                                                const BootstrapSettings& settings = {});

} // namespace nnlab::stats
