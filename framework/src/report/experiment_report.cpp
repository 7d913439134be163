#include "nnlab/report/experiment_report.hpp"

#include <algorithm>
#include <chrono>

#include "nnlab/report/html_report.hpp"
#include "nnlab/report/statistics_table.hpp"
#include "nnlab/report/sweep_summary.hpp"

namespace nnlab {

ExperimentReport finish_experiment(const ExperimentReportOptions& options, std::ostream& out) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const std::filesystem::path& dir = options.experiment_dir;
  ExperimentReport report{
      dir / "summary.csv", dir / "plots", dir / "report.html", {}, 0.0, 0.0, {}};
  const StoredExperiment overview =
      load_experiment_store(dir / "runs.h5", RunParts::overview, options.run_ids);
  // Every run is listed (summary.csv, the page, the table), those without results apart.
  std::vector<RunSummary> summaries;
  summaries.reserve(overview.runs.size() + overview.without_results.size());
  for (const StoredRun& run : overview.runs)
    summaries.push_back(summarize(run));
  for (const StoredRun& run : overview.without_results) {
    summaries.push_back(summarize(run));
    summaries.back().has_results = false;
  }
  std::stable_sort(summaries.begin(), summaries.end(),
                   [](const RunSummary& a, const RunSummary& b) { return a.index < b.index; });
  write_summary_csv(summaries, report.summary_file);

  std::optional<GroupStatistics> statistics;
  if (options.plots && !overview.runs.empty()) {
    const auto plot_start = Clock::now();
    PlotRenderer renderer(report.plot_dir);
    StorePlotOptions plots;
    plots.run_ids = options.run_ids;
    StorePlots drawn = draw_store_plots(overview, renderer, plots, options.load_data);
    report.plots = std::move(drawn.images);
    statistics = std::move(drawn.statistics);
    report.plot_s = std::chrono::duration<double>(Clock::now() - plot_start).count();
  } else if (!overview.runs.empty()) {
    statistics = experiment_statistics(overview);
  }
  HtmlReport page;
  page.title = options.name;
  page.experiment_yaml = options.experiment_yaml;
  page.overrides = options.overrides;
  page.runs = std::move(summaries); // 100,000 runs: no second copy
  for (const auto& png : report.plots)
    page.images.push_back(png.lexically_relative(dir));
  if (statistics) {
    report.statistics_file = dir / "stats.csv";
    write_statistics_csv(*statistics, report.statistics_file);
    page.statistics = statistics_rows(*statistics);
    page.statistics_heading = "each sweep point against " + statistics->baseline;
    page.statistics_notes = statistics_notes(*statistics);
  } else {
    std::error_code ignored; // a sweep that no longer compares leaves no old table behind
    std::filesystem::remove(dir / "stats.csv", ignored);
  }
  write_html_report(report.report_file, page);
  if (!options.quiet) {
    out << '\n';
    print_summary(page.runs, out);
    if (statistics) {
      out << '\n';
      print_statistics(*statistics, out);
    }
  }
  report.report_s = std::chrono::duration<double>(Clock::now() - start).count() - report.plot_s;
  return report;
}

} // namespace nnlab
