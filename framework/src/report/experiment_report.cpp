#include "nnlab/report/experiment_report.hpp"

#include <algorithm>
#include <chrono>

#include "nnlab/report/html_report.hpp"
#include "nnlab/report/sweep_summary.hpp"

namespace nnlab {

ExperimentReport finish_experiment(const ExperimentReportOptions& options, std::ostream& out) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const std::filesystem::path& dir = options.experiment_dir;
  ExperimentReport report{dir / "summary.csv", dir / "plots", dir / "report.html", {}, 0.0, 0.0};
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

  if (options.plots && !overview.runs.empty()) {
    const auto plot_start = Clock::now();
    PlotRenderer renderer(report.plot_dir);
    StorePlotOptions plots;
    plots.run_ids = options.run_ids;
    report.plots = draw_store_plots(overview, renderer, plots, options.load_data).images;
    report.plot_s = std::chrono::duration<double>(Clock::now() - plot_start).count();
  }
  HtmlReport page{options.name, options.experiment_yaml, options.overrides, summaries, {}, {}, {}};
  for (const auto& png : report.plots)
    page.images.push_back(png.lexically_relative(dir));
  write_html_report(report.report_file, page);
  if (!options.quiet) {
    out << '\n';
    print_summary(summaries, out);
  }
  report.report_s = std::chrono::duration<double>(Clock::now() - start).count() - report.plot_s;
  return report;
}

} // namespace nnlab
