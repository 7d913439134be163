#include "nnlab/stats/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "nnlab/core/error.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/stats/order_statistics.hpp"

namespace nnlab::stats {

BootstrapInterval bootstrap_median(std::span<const double> values,
                                   const BootstrapSettings& settings) {
  if (settings.resamples == 0) throw Error("stats: bootstrap: no resamples asked for");
  if (!(settings.level > 0.0 && settings.level < 1.0))
    throw Error("stats: bootstrap: level must be in (0, 1), got " + std::to_string(settings.level));
  BootstrapInterval interval;
  interval.estimate = median(std::vector<double>(values.begin(), values.end())); // NaN check
  if (values.empty()) return interval;
  Rng rng(settings.seed);
  std::vector<double> sample(values.size()), medians(settings.resamples);
  for (double& m : medians) {
    for (double& v : sample)
      v = values[rng.below(values.size())];
    m = median(sample);
  }
  std::sort(medians.begin(), medians.end());
  interval.low = quantile_of_sorted(medians, (1.0 - settings.level) / 2.0);
  interval.high = quantile_of_sorted(medians, (1.0 + settings.level) / 2.0);
  return interval;
}

} // namespace nnlab::stats
