#include <algorithm>
#include <filesystem>
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/store_plots.hpp"
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
  const PlotFormat format = parse_format(cli.plot.format);

  const bool decision =
      options.kinds.empty() ||
      std::find(options.kinds.begin(), options.kinds.end(), "decision") != options.kinds.end();
  const StoredExperiment experiment = load_experiment_store(cli.file, decision);
  Registry registry(Registry::search_path(cli.plugin_path));
  const std::filesystem::path dir = cli.out.empty() ? cli.file.parent_path() / "plots" : cli.out;
  const bool existed = std::filesystem::exists(dir);
  PlotRenderer renderer(dir, format);
  std::vector<std::string> notes;
  std::vector<std::filesystem::path> images;
  try {
    notes = add_store_plots(renderer, experiment, options, &registry);
    images = renderer.render();
  } catch (...) {
    // A refused request (unknown group key, metric not stored) leaves no empty folder.
    std::error_code ec;
    if (!existed && std::filesystem::is_empty(dir, ec)) std::filesystem::remove(dir, ec);
    throw;
  }
  for (const auto& note : notes)
    std::cout << note << '\n';
  if (!cli.quiet)
    for (const auto& image : images)
      std::cout << image.string() << '\n';
  std::cout << images.size() << " plot(s) in " << renderer.dir().string()
            << " (each with its .gp script and .dat data)\n";
  return 0;
}

} // namespace nnlab::runner
