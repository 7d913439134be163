#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/stats/bootstrap.hpp"

namespace nnlab::stats {

/// How a group's values compare with a baseline's: by how much (group - baseline, in the
/// values' units) with an interval, how sure (a two-sided rank test) and how often the
/// group is the better one.
struct GroupDifference {
  bool paired = false;
  /// Paired: the pairs; unpaired: the group's values (n_baseline: the baseline's).
  std::size_t n = 0, n_baseline = 0;
  /// Paired: the median of the differences group_i - baseline_i; unpaired: the
  /// Hodges-Lehmann shift. Both with their interval at the level asked for.
  double difference = std::numeric_limits<double>::quiet_NaN();
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
  /// Paired: Wilcoxon signed-rank; unpaired: Mann-Whitney U. NaN without values.
  double p_value = std::numeric_limits<double>::quiet_NaN();
  /// Paired: the share of pairs where the group is better; unpaired: the chance that a
  /// group value is better than a baseline value (U / (n n_baseline), the common-language
  /// effect size). Ties count half, so 0.5 is "no better, no worse".
  double win_rate = std::numeric_limits<double>::quiet_NaN();
  std::string test;     ///< e.g. "Wilcoxon signed-rank, exact"
  std::string interval; ///< e.g. "percentile bootstrap, 10000 resamples"
};

/// group[i] against baseline[i] (one pair per index; sizes must match, else nnlab::Error).
/// Differences follow difference(), so two +inf values tie.
NNLAB_EXPORT GroupDifference compare_paired(std::span<const double> group,
                                            std::span<const double> baseline, bool lower_is_better,
                                            const BootstrapSettings& bootstrap = {});

/// Two independent samples.
NNLAB_EXPORT GroupDifference compare_unpaired(std::span<const double> group,
                                              std::span<const double> baseline,
                                              bool lower_is_better, double level = 0.95);

} // namespace nnlab::stats
