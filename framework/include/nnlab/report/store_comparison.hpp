#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/band_plot.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plot/speed_plot.hpp"
#include "nnlab/report/html_report.hpp"
#include "nnlab/report/stored_runs.hpp"

namespace nnlab {

/// What `runner compare` compares, and how.
struct ComparisonOptions {
  /// Config key paths; empty: every key that varies inside some store, except the seed
  /// (varying_keys() of each store, in order of first appearance).
  std::vector<std::string> group_by;
  /// Empty: cost_valid when every store has it, else cost_test, else cost_train.
  std::string metric;
  std::optional<double> target; ///< for a cost metric; default: default_target() over all runs
  std::optional<bool> log_y;    ///< convergence; default: log for a cost
};

/// One group of one store, as the comparison shows it.
struct ComparedGroup {
  std::size_t store = 0; ///< index into StoreComparison::stores
  std::string group;     ///< the group's own label (RunGroup::label)
  /// The legend's name: "<store>: <group>" (only the store's name when the runs are not
  /// grouped), so groups of the same label in two stores stay apart; of one store, the
  /// group's own label.
  std::string label;
  /// the same group label has the same colour in every store; runs not split into groups
  /// (no key varies) have one colour per store
  std::size_t colour = 0;
  std::size_t runs = 0, diverged = 0, failed = 0;
  std::vector<std::size_t> run_indices; ///< its runs: indices into its store's runs
  double median_final = 0.0;            ///< the median final metric over the runs (NaN when none)
  /// Median over the runs of the first iteration (1-based) with metric <= target, a run
  /// that never reaches it counting as later than any: +inf when half or more never do,
  /// NaN when the metric is not a cost. `reached` counts the runs that got there.
  double median_iterations = 0.0;
  std::size_t reached = 0;
  BandCurve curve;                   ///< the metric's median and min-max band
  SpeedGroup speed;                  ///< iterations to the target of each run
  std::optional<BandCurve> accuracy; ///< accuracy_test, when every store has it
  /// Runs successive halving pruned (no final value: left out of median_final), and the
  /// most iterations one of them did (its rung).
  std::size_t pruned = 0;
  arma::uword pruned_at = 0;
};

/// Several stores' runs grouped the same way, side by side.
struct StoreComparison {
  /// How each store is named: the shortest tail of its folder path that tells it apart
  /// from the others ("momentum", or "a/momentum" and "b/momentum").
  std::vector<std::string> stores;
  std::vector<std::filesystem::path> files; ///< each store's runs.h5, as given
  std::vector<std::string> keys;            ///< the union of the keys grouped by
  std::string metric;
  double target = 0.0;         ///< NaN when the metric is not a cost
  bool default_target = false; ///< true when target is 10x the best final
  bool log_y = true;
  double iterations = 1.0;           ///< the longest series
  std::vector<ComparedGroup> groups; ///< store by store, each in order of its first run
  /// The runs without results (has_results()) of each store: in no group, listed apart.
  struct LeftOut {
    std::size_t store = 0; ///< index into stores
    RunSummary run;
  };
  std::vector<LeftOut> left_out;
};

/// Groups every store's runs by the same keys and summarises each group; runs without
/// results are in no group (left_out). Throws ConfigError naming the store for an unknown
/// group key or a metric it does not store, a store without a run that has results, and
/// for no store or one store given twice. One store compares the groups inside it.
NNLAB_EXPORT StoreComparison compare_stores(const std::vector<StoredExperiment>& experiments,
                                            const ComparisonOptions& options);

/// Adds the comparison's plots to `renderer`: compare-<metric> (convergence, one legend),
/// compare-accuracy_test when every store has it and the metric is a cost, and
/// compare-speed-<metric> for a cost.
NNLAB_EXPORT void add_comparison_plots(PlotRenderer& renderer, const StoreComparison& comparison);

/// The table's cells: a header row, then one row per group (store, group, runs, median
/// final metric, median iterations to target with the runs that reached it, diverged,
/// failed).
NNLAB_EXPORT std::vector<std::vector<std::string>>
comparison_rows(const StoreComparison& comparison);

/// The table: one row per group (store, group, runs, median final metric, median
/// iterations to target with runs that reached it, diverged, failed), aligned columns;
/// then the runs left out, one line each with its message.
NNLAB_EXPORT void print_comparison_table(const StoreComparison& comparison, std::ostream& out);

/// The same table as CSV (store, group, runs, median_final_<metric>,
/// median_iterations_to_target, reached, diverged, failed).
NNLAB_EXPORT void write_comparison_csv(const StoreComparison& comparison,
                                       const std::filesystem::path& file);

/// The page runner compare writes: the group table, every run of every store (its point
/// named "<store>: <label>"), the images (paths relative to the page) and each store's
/// experiment file.
NNLAB_EXPORT HtmlReport comparison_report(const StoreComparison& comparison,
                                          const std::vector<StoredExperiment>& experiments,
                                          std::vector<std::filesystem::path> images);

} // namespace nnlab
