#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/decision_surface.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/plugin/plugin_block.hpp"
#include "nnlab/report/group_statistics.hpp"
#include "nnlab/report/stored_runs.hpp"

namespace nnlab {

/// Loads the data of a stored run's dataset block again (for its decision surface). The
/// runner builds it on the plugin Registry; the plots never build plugins themselves.
using DataLoader = std::function<std::shared_ptr<const DataSplit>(const PluginBlock& dataset)>;

/// What to draw from a store, and how.
struct StorePlotOptions {
  /// Kinds to draw (plot_kinds()); empty: every kind that applies.
  std::vector<std::string> kinds;
  std::vector<std::string> group_by; ///< config key paths; empty: varying_keys()
  /// The series compared (convergence, sweep, heatmap, speed for a cost, the best run of a
  /// group); empty: default_metric() (cost_valid with a validation set, else cost_test,
  /// else cost_train).
  std::string metric;
  std::optional<double> target;   ///< speed; default: default_target()
  std::optional<PlotRange> range; ///< decision; default: the data's box
  /// movie: each unit's activation beside the surface, frame by frame (runner plot --neurons)
  bool movie_neurons = false;
  /// The metric's convergence and sweep plots; default: log for a lower-is-better series.
  std::optional<bool> log_y;
  /// More runs to draw the cost and decision plots of: run ids, unique prefixes of one, or
  /// run numbers, as resolve_run() reads them (runner plot --run).
  std::vector<std::string> runs;
  /// The runs plotted, by id (the end of a sweep: the sweep's runs); empty: every run in
  /// the store.
  std::vector<std::string> run_ids;
};

/// cost, convergence, accuracy, decision, heatmap, speed, sweep, neurons, network, movie,
/// confusion, roc, parallel, slice, importance, history, differences.
NNLAB_EXPORT const std::vector<std::string>& plot_kinds();

/// What draw_store_plots() drew, and one line for each kind left out and why
/// ("heatmap: skipped: ...").
struct StorePlots {
  std::vector<std::filesystem::path> images; ///< in the order drawn
  std::vector<std::string> notes;
  /// The statistics the differences plots show (experiment_statistics() of the same
  /// store, from the series read for the other plots), when they were drawn.
  std::optional<GroupStatistics> statistics;
};

/// The plots of a stored experiment: the one plot driver, which the end of a sweep and
/// `runner plot` both call, so the same store gets the same plots. Runs are grouped by
/// `group_by` (the sweep's keys by default); each group keeps its palette colour in every
/// plot. Per experiment:
/// - sweep: sweep-<metric> and sweep-accuracy_test, every run a line, a colour per group;
/// - convergence: convergence-<metric>, per group the median and min-max band;
/// - accuracy: convergence-accuracy_test, the same for the test accuracy;
/// - heatmap: heatmap-<metric>, the median final metric over the first two group keys
///   (when two or more keys vary);
/// - parallel, slice, importance: parallel-<metric> (a line per sweep point over an axis per
///   key, coloured by its median final metric), slice-<metric> (the final metric against
///   each numeric key, median and seed band), importance-<metric> (analysis of variance for
///   a full grid: each key's main effect, interactions and the seed's share; rank
///   correlations otherwise) when two or more keys vary (sweep_analysis.hpp);
/// - history: history-<metric>, the best point so far against runs spent, for search modes;
/// - speed: speed-<metric>, iterations to reach the target per run and group (for a cost;
///   otherwise cost_valid with a validation set, else cost_test).
/// - differences: when the runs are grouped by one key into two or more groups, each group
///   against the first (experiment_statistics(): default_compared_metric(), the options'
///   target or 10x the best final), per seed: differences-<metric> and
///   differences-iterations-<metric> (add_statistics_plots()).
/// Per group, for its best run (best final metric: lowest cost, highest accuracy; failed
/// runs and NaN left out):
/// - cost: cost-<run id>, train and test cost vs iteration;
/// - decision: decision-<run id> for 2-D data: the stored weights on the data `load_data`
///   loads from the run's stored config (skipped with a note when load_data is empty);
/// - neurons: neurons-<run id> for 2-D data: each unit's activation over the input plane;
/// - network: network-<run id>: weights as lines, biases as node colours (layers of at
///   most 64 units);
/// - movie: movie-<run id>.gif for 2-D data and a run with snapshots: the decision
///   surface at each snapshot beside the cost curve;
/// - confusion, roc: confusion-<run id>, roc-<run id> from the run's stored evaluation
///   (roc for binary tasks).
/// options.runs add their own plots (of the kinds asked for).
/// Runs are read one at a time: the final values of all, a group's series while that
/// group is drawn, the weights of the runs drawn over their data. Runs without results
/// (failed before their first iteration, an empty series: has_results()) are in no plot;
/// a note lists each. Every request is checked
/// before anything is written: an unknown kind, group key or run, or a metric not stored
/// throws ConfigError naming the store. Renders and returns the images.
NNLAB_EXPORT StorePlots draw_store_plots(const std::filesystem::path& store, PlotRenderer& renderer,
                                         const StorePlotOptions& options,
                                         const DataLoader& load_data);

/// The same, on the runs' overview already read (load_experiment_store() with
/// RunParts::overview, of options.run_ids); series and weights are read from its store.
NNLAB_EXPORT StorePlots draw_store_plots(const StoredExperiment& overview, PlotRenderer& renderer,
                                         const StorePlotOptions& options,
                                         const DataLoader& load_data);

} // namespace nnlab
