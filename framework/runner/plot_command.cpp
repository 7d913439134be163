#include <filesystem>
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "data_loader.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/report/store_plots.hpp"
#include "plot_arguments.hpp"

namespace nnlab::runner {

int plot_store(const CliOptions& cli) {
  StorePlotOptions options;
  options.kinds = cli.plot.kinds;
  options.group_by = cli.plot.group_by;
  if (!cli.plot.metric.empty()) options.metric = cli.plot.metric;
  if (!cli.plot.target.empty()) options.target = parse_number("--target", cli.plot.target);
  if (!cli.plot.range.empty()) options.range = parse_range(cli.plot.range);
  options.log_y = parse_log_y(cli.plot);
  options.runs = cli.plot.runs;
  options.movie_neurons = cli.plot.neurons;
  const PlotFormat format = parse_format(cli.plot.format);

  // Read (and checked) before any folder is made: a missing store makes none.
  const StoredExperiment overview = load_experiment_store(cli.file, RunParts::overview);
  Registry registry(Registry::search_path(cli.plugin_path));
  const std::filesystem::path dir = cli.out.empty() ? cli.file.parent_path() / "plots" : cli.out;
  const bool existed = std::filesystem::exists(dir);
  PlotRenderer renderer(dir, format);
  StorePlots plots;
  try {
    plots = draw_store_plots(overview, renderer, options, data_loader(registry));
  } catch (...) {
    // A refused request (unknown group key, metric not stored) leaves no empty folder.
    std::error_code ec;
    if (!existed && std::filesystem::is_empty(dir, ec)) std::filesystem::remove(dir, ec);
    throw;
  }
  for (const auto& note : plots.notes)
    std::cout << note << '\n';
  if (!cli.quiet)
    for (const auto& image : plots.images)
      std::cout << image.string() << '\n';
  std::cout << plots.images.size() << " plot(s) in " << renderer.dir().string()
            << " (each with its .gp script and .dat data)\n";
  return 0;
}

} // namespace nnlab::runner
