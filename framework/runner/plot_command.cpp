#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <vector>

#include "commands.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/store_plots.hpp"

namespace nnlab::runner {

namespace {

[[noreturn]] void usage_error(const std::string& what) {
  throw ConfigError("command line: " + what + " (see runner --help)");
}

PlotFormat parse_format(const std::string& text) {
  for (const PlotFormat format : {PlotFormat::png, PlotFormat::svg, PlotFormat::pdf})
    if (text == to_string(format)) return format;
  usage_error("--format: expected png, svg or pdf, got '" + text + "'");
}

double parse_number(const std::string& option, const std::string& text) {
  std::size_t used = 0;
  double value = 0.0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size())
    usage_error(option + ": expected a number, got '" + text + "'");
  return value;
}

PlotRange parse_range(const std::string& text) {
  std::vector<double> values;
  std::istringstream parts(text);
  for (std::string part; std::getline(parts, part, ',');)
    values.push_back(parse_number("--range", part));
  if (values.size() != 4 || !(values[0] < values[1]) || !(values[2] < values[3]))
    usage_error("--range: expected x0,x1,y0,y1 with x0 < x1 and y0 < y1, got '" + text + "'");
  return {values[0], values[1], values[2], values[3]};
}

} // namespace

int plot_store(const CliOptions& cli) {
  StorePlotOptions options;
  options.kinds = cli.plot.kinds;
  options.group_by = cli.plot.group_by;
  if (!cli.plot.metric.empty()) options.metric = cli.plot.metric;
  if (!cli.plot.target.empty()) options.target = parse_number("--target", cli.plot.target);
  if (!cli.plot.range.empty()) options.range = parse_range(cli.plot.range);
  if (cli.plot.log_y && cli.plot.linear_y) usage_error("--log-y and --linear-y exclude each other");
  if (cli.plot.log_y || cli.plot.linear_y) options.log_y = cli.plot.log_y;
  const PlotFormat format = parse_format(cli.plot.format.empty() ? "png" : cli.plot.format);

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
