#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/sweep_summary.hpp"

namespace nnlab {

/// What an experiment's report shows: the experiment file as written, one table row per
/// run, and its plots.
struct HtmlReport {
  std::string title;                  ///< the experiment's name
  std::string experiment_yaml;        ///< the experiment file as written
  std::vector<std::string> overrides; ///< key=value given on the command line
  std::vector<RunSummary> runs;
  /// The plots, as paths relative to the report's folder (e.g. plots/sweep-cost_test.png).
  /// The page shows the experiment-wide ones first (convergence, speed, heatmap, sweep),
  /// then the table, then the runs' own (<kind>-<run id>.png: draw_store_plots() draws
  /// them for the best run of each group).
  std::vector<std::filesystem::path> images;

  /// runner compare: a table of the groups compared (first row: the header), shown
  /// before the run table as id="groups"; empty for one experiment.
  std::vector<std::vector<std::string>> group_table;
  /// runner compare: each store compared, with its experiment file; shown instead of
  /// experiment_yaml when not empty.
  struct Store {
    std::string name, file, yaml;
  };
  std::vector<Store> stores;

  /// Each group against a baseline (statistics_rows(): first row the header), shown as
  /// id="stats" under the heading "Statistics: <statistics_heading>", with the notes and
  /// the differences-*.png plots below it; empty: no such section.
  std::vector<std::vector<std::string>> statistics;
  std::string statistics_heading;
  std::vector<std::string> statistics_notes;
};

/// Writes `report` as one HTML page at `file` (results/<name>/report.html): no network,
/// runs without results (RunSummary::has_results) listed apart with their message, not in
/// the run table;
/// no external script or style; images are linked beside it. The run table sorts by any
/// column on a click on its header. When the page has loaded, <body> carries
/// data-images="loaded/total" and data-rows="N", so a headless browser can check it.
/// Written to <file>.tmp and renamed, so a reader never sees half a page. Throws
/// StorageError naming the file when it cannot be written.
NNLAB_EXPORT void write_html_report(const std::filesystem::path& file, const HtmlReport& report);

/// Escapes &, <, >, " and ' for HTML text and attribute values.
NNLAB_EXPORT std::string html_escape(const std::string& text);

} // namespace nnlab
