#pragma once

#include <armadillo>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/stored_runs.hpp"
#include "nnlab/stats/bootstrap.hpp"
#include "nnlab/stats/group_difference.hpp"

namespace nnlab {

/// What the statistics take from one run.
struct RunOutcome {
  const StoredRun* run = nullptr; ///< its seed and start, for pairing
  /// The metric's last value; a diverged run (or a NaN) counts as the worst there is,
  /// +inf for a cost and -inf for an accuracy, so that rank tests still place it.
  double final_value = std::numeric_limits<double>::quiet_NaN();
  /// The first iteration (1-based) at which the metric is <= the target; +inf when the run
  /// never got there (later than any run that did); NaN without a target.
  double iterations = std::numeric_limits<double>::quiet_NaN();
};

/// The runs of one group, ready to compare. Failed runs have no result: they are left out,
/// and their seeds noted so that their partners leave the paired comparison too.
struct OutcomeGroup {
  std::string label;
  std::size_t colour = 0; ///< the group's palette index
  std::vector<RunOutcome> runs;
  std::vector<std::uint64_t> failed_seeds;
};

/// The first iteration (1-based) with series <= target, +inf when none.
NNLAB_EXPORT double iterations_to_target(const arma::vec& series, double target);

/// Adds `run` to `group`: its outcome on `metric`, or its seed to failed_seeds when it
/// failed. Iterations to a `target` (a number) are counted on `series`, by default the run's
/// own series `metric` (which must then be loaded). `run` must outlive `group`.
NNLAB_EXPORT void add_outcome(OutcomeGroup& group, const StoredRun& run, const std::string& metric,
                              double target, const arma::vec* series = nullptr);

/// The metric compared by default: cost_valid when a run stores it, else cost_test, else
/// cost_train.
NNLAB_EXPORT std::string default_compared_metric(const std::vector<StoredRun>& runs);

/// How the groups are compared.
struct StatisticsOptions {
  std::string baseline; ///< a group's label; empty: the first group
  /// The bootstrap of the paired medians; its level is every interval's.
  stats::BootstrapSettings bootstrap;
};

/// One group against the baseline, on the final metric or on iterations to the target.
struct StatisticsRow {
  std::string group, baseline;
  bool iterations = false; ///< false: the final metric; true: iterations to the target
  std::size_t colour = 0;  ///< the group's
  stats::GroupDifference result;
  /// Holm's correction across every row of the table; NaN when the row has no p-value.
  double p_holm = std::numeric_limits<double>::quiet_NaN();
  std::string note;                 ///< unpaired: why the runs could not be paired
  std::vector<std::uint64_t> seeds; ///< paired: the pairs' seeds, ascending
  std::vector<double> differences;  ///< paired: group - baseline of each of those seeds
};

/// Every group against one baseline: first each group on the final metric, then (for a
/// cost with a target) each on iterations to the target.
struct GroupStatistics {
  std::string metric;
  bool lower_is_better = true;
  double target = std::numeric_limits<double>::quiet_NaN(); ///< NaN: no iterations rows
  std::string baseline;
  stats::BootstrapSettings bootstrap;
  std::vector<StatisticsRow> rows;
};

/// Compares each group with the baseline: paired (pair_runs()) when the runs line up by
/// seed and start, else unpaired (stats::compare_paired(), stats::compare_unpaired()); then
/// Holm's correction over all rows. Throws ConfigError for fewer than two groups, or a
/// baseline that names no group ("--baseline 'x': no such group; groups: a, b").
NNLAB_EXPORT GroupStatistics group_statistics(const std::vector<OutcomeGroup>& groups,
                                              const std::string& metric, double target,
                                              const StatisticsOptions& options);

/// The statistics of a stored experiment whose runs form two or more groups by exactly one
/// key (`group_by`, or the one key that varies besides the seed); nullopt otherwise. The
/// metric is default_compared_metric(), the target default_target() of it; each run's
/// series is read from the store, one run at a time.
NNLAB_EXPORT std::optional<GroupStatistics>
experiment_statistics(const StoredExperiment& overview, const StatisticsOptions& options = {},
                      const std::vector<std::string>& group_by = {});

} // namespace nnlab
