#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/run_groups.hpp"
#include "nnlab/report/stored_runs.hpp"

namespace nnlab {

/// One swept key as the sweep's analysis sees it.
struct SweptKey {
  std::string path;     ///< "optimizer.learning_rate"
  bool numeric = false; ///< every point's value is a number
  /// Drawn on a log axis: numeric, every value positive, and either drawn from a
  /// `loguniform` distribution in the experiment's sweep or spanning at least a decade
  /// (max / min >= 10, as learning rates swept by hand usually are).
  bool log_scale = false;
  std::vector<std::string> levels; ///< its distinct values, in order of first appearance
};

/// One sweep point (a run group): its value of each key and its runs' final metric.
struct SweepPoint {
  std::string label;
  std::size_t colour = 0;
  std::vector<std::string> values; ///< per key, as RunGroup::values
  std::vector<double> numbers;     ///< per key, the value as a number (NaN: not numeric)
  std::vector<std::size_t> runs;   ///< indices into the experiment's runs, in run order
  /// The final metric of each of those runs, as analysed (log10 of it with
  /// SweepPoints::log_metric); NaN for a failed run or one without a finite final value.
  std::vector<double> finals;
  double median = 0.0;       ///< median of the finite finals; NaN when none
  std::size_t first_run = 0; ///< sweep index of its first run (proposal order)
  /// Successive halving stopped the point's runs at a rung (status pruned): their finals
  /// are NaN (they have none), and rung_median is the median of their last values, as the
  /// metric is stored (not its log).
  bool pruned = false;
  double rung_median = std::numeric_limits<double>::quiet_NaN();
};

/// The points of a sweep with what each achieved: the input of the parallel, slice,
/// importance and history plots.
struct SweepPoints {
  std::string metric; ///< the stored series whose final values are analysed
  bool lower_is_better = true;
  bool log_metric = false;        ///< finals are log10 of the metric
  std::string mode;               ///< the sweep's mode: grid, zip, random, tpe, halving, ...
  std::vector<SweptKey> keys;     ///< the group keys
  std::vector<SweepPoint> points; ///< in order of their first run
};

/// The keys a sweep's analysis looks at: every leaf key of the runs' configs, except
/// `seed`, whose value varies and that every run has. Unlike varying_keys() a key that the
/// others determine stays (a random search draws each key on its own, even when one of
/// them alone tells its points apart); a key some runs lack (optimizer.momentum beside
/// sgd) is left out.
NNLAB_EXPORT std::vector<std::string> analysis_keys(const std::vector<StoredRun>& runs);

/// The sweep points of `experiment` grouped as `groups` says, with the final `metric` of
/// each run; `log_metric` analyses log10 of the metric (ignored unless every finite final
/// value is positive). The keys' distributions and the sweep mode are read from the
/// experiment file stored in the store's header.
NNLAB_EXPORT SweepPoints sweep_points(const StoredExperiment& experiment, const RunGroups& groups,
                                      const std::string& metric, bool log_metric);

/// The sweep mode the experiment file `yaml` declares (sweep.mode; "grid" when absent,
/// and when the file has no sweep).
NNLAB_EXPORT std::string sweep_mode(const std::string& yaml);

/// Whether the sweep mode searches (random, tpe, halving, hyperband): its points come one
/// after another, so the best found so far against runs spent means something.
NNLAB_EXPORT bool is_search_mode(const std::string& mode);

} // namespace nnlab
