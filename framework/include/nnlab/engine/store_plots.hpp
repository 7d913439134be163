#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/decision_surface.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plugin/registry.hpp"
#include "nnlab/report/run_groups.hpp"

namespace nnlab {

/// What `runner plot` draws, and how.
struct StorePlotOptions {
  /// Kinds to draw (plot_kinds()); empty: every kind that applies.
  std::vector<std::string> kinds;
  std::vector<std::string> group_by; ///< config key paths; empty: varying_keys()
  /// convergence, heatmap and (for a cost) speed; empty: cost_test, or cost_train for runs
  /// without a test split
  std::string metric;
  std::optional<double> target;    ///< speed; default: default_target()
  std::optional<PlotRange> range;  ///< decision; default: the data's box
  std::optional<bool> log_y;       ///< convergence; default: log for a cost
  std::size_t max_run_plots = 100; ///< cost: per-run plots for the first runs only
};

/// cost, convergence, accuracy, decision, heatmap, speed.
NNLAB_EXPORT const std::vector<std::string>& plot_kinds();

/// The runs of one store, as the plots see them.
struct StoredExperiment {
  std::filesystem::path store;   ///< its runs.h5
  std::string name;              ///< for titles: the store's folder name
  std::vector<StoredRun> runs;   ///< load_runs(); decision needs the weights
  std::filesystem::path exp_dir; ///< experiment_dir attribute (decision re-loads the data)
  std::uint64_t exp_seed = 0;    ///< experiment_seed attribute
  std::string yaml;              ///< the experiment file as written (the store's header)
};

/// Reads a store for plotting (weights too when `with_weights`). A missing file throws
/// ConfigError "<file>: cannot open: no such file" (bad input: nothing drawn).
NNLAB_EXPORT StoredExperiment load_experiment_store(const std::filesystem::path& store,
                                                    bool with_weights);

/// Adds the scripts and data of the kinds asked for to `renderer` (call render() after):
/// - cost: cost-<run id> per run (train and test cost; the first max_run_plots runs);
/// - convergence: convergence-<metric>, median and min-max band per group;
/// - accuracy: convergence-accuracy_test, the same for the test accuracy;
/// - decision: decision-<run id> for the best run (lowest final metric) of each group, on
///   2-D data re-loaded through `registry` from the run's stored config (nullptr: skipped);
/// - heatmap: heatmap-<metric>, median final metric over the first two group keys;
/// - speed: speed-<metric>, iterations to reach the target per run and group.
/// Returns one line per kind left out and why ("heatmap: skipped: ..."). An unknown kind,
/// an unknown group key or a metric not stored throws ConfigError naming the store.
NNLAB_EXPORT std::vector<std::string> add_store_plots(PlotRenderer& renderer,
                                                      const StoredExperiment& experiment,
                                                      const StorePlotOptions& options,
                                                      Registry* registry);

} // namespace nnlab
