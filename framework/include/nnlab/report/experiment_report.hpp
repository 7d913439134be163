#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/store_plots.hpp"

namespace nnlab {

/// What the end of a sweep reports on: a stored experiment and how to show it.
struct ExperimentReportOptions {
  /// <results>/<name>: runs.h5 is read; summary.csv, report.html and plots/ are written.
  std::filesystem::path experiment_dir;
  std::string name;                   ///< the page's title
  std::string experiment_yaml;        ///< the experiment file as written
  std::vector<std::string> overrides; ///< key=value given on the command line
  std::vector<std::string> run_ids;   ///< the sweep's runs, in sweep order
  bool plots = true;
  bool quiet = false;   ///< no summary table on `out`
  DataLoader load_data; ///< for the decision surfaces (draw_store_plots())
};

/// Where the report went.
struct ExperimentReport {
  std::filesystem::path summary_file, plot_dir, report_file;
  std::vector<std::filesystem::path> plots; ///< the images drawn, in the order drawn
  /// Seconds spent drawing the plots, and on the rest (reading the store, summary.csv,
  /// report.html, the summary table).
  double plot_s = 0.0, report_s = 0.0;
  /// stats.csv, when the sweep has one key that varies besides the seed; else empty.
  std::filesystem::path statistics_file;
};

/// The end of `runner EXP.yaml`, from the store alone, reading the sweep's runs one at a
/// time: summary.csv (write_summary_csv), the plots of draw_store_plots() (the ones
/// `runner plot` draws for the same store; none when no run has results), report.html
/// showing that summary and those plots, and (unless quiet) the summary table on `out`.
/// Runs without results (has_results()) are in none of the plots and tables: the table
/// and the page list them with their message, summary.csv has their rows.
/// When one key varies besides the seed, each sweep point is compared with the first
/// (experiment_statistics(), the differences plots' numbers): the table goes to stats.csv,
/// into report.html and (unless quiet) after the summary on `out`.
NNLAB_EXPORT ExperimentReport finish_experiment(const ExperimentReportOptions& options,
                                                std::ostream& out);

} // namespace nnlab
