#include <filesystem>
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "json_output.hpp"
#include "nnlab/report/comparison_statistics.hpp"
#include "nnlab/report/html_report.hpp"
#include "nnlab/report/statistics_table.hpp"
#include "nnlab/report/store_comparison.hpp"
#include "plot_arguments.hpp"

namespace nnlab::runner {

namespace {

namespace fs = std::filesystem;

/// compare-<a>-<b>... beside the first store's experiment folder (results/ for results/*/).
fs::path default_out(const StoreComparison& comparison) {
  std::string name = "compare";
  for (const auto& store : comparison.stores)
    name += "-" + fs::path(store).filename().string();
  return fs::absolute(comparison.files.front()).parent_path().parent_path() / name;
}

/// How the plots' titles name the stores: "momentum", or "a and b".
std::string joined_names(const StoreComparison& comparison) {
  std::string text;
  for (std::size_t i = 0; i < comparison.stores.size(); ++i)
    text += (i == 0                              ? ""
             : i + 1 == comparison.stores.size() ? " and "
                                                 : ", ") +
            comparison.stores[i];
  return text;
}

} // namespace

int compare_stores(const CliOptions& cli) {
  ComparisonOptions options;
  options.group_by = cli.plot.group_by;
  options.metric = cli.plot.metric;
  if (!cli.plot.target.empty()) options.target = parse_number("--target", cli.plot.target);
  options.log_y = parse_log_y(cli.plot);
  const PlotFormat format = parse_format(cli.plot.format);

  std::vector<StoredExperiment> experiments;
  for (const auto& store : cli.stores)
    // Series are read a group at a time as the comparison needs them.
    experiments.push_back(load_experiment_store(store, RunParts::overview));
  const StoreComparison comparison = compare_stores(experiments, options);
  // Runs of an older store drew their initial weights from their whole config: what they
  // show against other runs includes the luck of the draw.
  for (std::size_t s = 0; s < experiments.size(); ++s)
    if (experiments[s].format_version < store_format_version)
      std::cerr << "runner: note: " << cli.stores[s].string() << ": runs not paired (format "
                << experiments[s].format_version
                << "): made before paired random streams, their differences include "
                   "different initial weights\n";
  std::optional<GroupStatistics> statistics;
  if (cli.plot.stats) {
    StatisticsOptions stats;
    stats.baseline = cli.plot.baseline;
    statistics = comparison_statistics(comparison, experiments, stats);
  }
  if (cli.json) {
    Json body = comparison_json(comparison);
    if (statistics) body["statistics"] = statistics_json(*statistics);
    print_json(std::cout, "compare", body);
    return 0;
  }
  if (cli.plot.table) {
    print_comparison_table(comparison, std::cout);
    if (statistics) {
      std::cout << '\n';
      print_statistics(*statistics, std::cout);
    }
    return 0;
  }

  const fs::path dir = cli.out.empty() ? default_out(comparison) : cli.out;
  PlotRenderer renderer(dir, format);
  add_comparison_plots(renderer, comparison);
  if (statistics) add_statistics_plots(renderer, *statistics, joined_names(comparison));
  const std::vector<fs::path> images = renderer.render();
  write_comparison_csv(comparison, dir / "compare.csv");
  if (statistics) write_statistics_csv(*statistics, dir / "stats.csv");
  std::vector<fs::path> relative;
  for (const auto& image : images)
    relative.push_back(image.lexically_relative(dir));
  HtmlReport report = comparison_report(comparison, experiments, relative);
  if (statistics) {
    report.statistics = statistics_rows(*statistics);
    report.statistics_heading = "each group against " + statistics->baseline;
    report.statistics_notes = statistics_notes(*statistics);
  }
  write_html_report(dir / "report.html", report);

  if (!cli.quiet) {
    print_comparison_table(comparison, std::cout);
    if (statistics) {
      std::cout << '\n';
      print_statistics(*statistics, std::cout);
    }
  }
  std::cout << (cli.quiet ? "" : "\n") << "plots:  " << images.size() << " in "
            << renderer.dir().string() << " (each with its .gp script and .dat data)\n"
            << "table:  " << (dir / "compare.csv").string() << '\n';
  if (statistics) std::cout << "stats:  " << (dir / "stats.csv").string() << '\n';
  std::cout << "report: " << (dir / "report.html").string() << '\n';
  return 0;
}

} // namespace nnlab::runner
