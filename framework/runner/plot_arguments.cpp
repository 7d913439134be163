#include "plot_arguments.hpp"

#include <sstream>
#include <vector>

namespace nnlab::runner {

PlotFormat parse_format(const std::string& text) {
  if (text.empty()) return PlotFormat::png;
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

std::optional<bool> parse_log_y(const CliOptions::PlotArgs& plot) {
  if (plot.log_y && plot.linear_y) usage_error("--log-y and --linear-y exclude each other");
  if (plot.log_y || plot.linear_y) return plot.log_y;
  return std::nullopt;
}

} // namespace nnlab::runner
