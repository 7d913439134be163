#include "nnlab/train/monitor.hpp"

#include <stdexcept>

namespace nnlab {

Monitor::Monitor(std::string_view name) : series_(find_series(name)) {
  if (!series_ || !series_->monitorable)
    throw std::invalid_argument("Monitor: '" + std::string(name) + "' is not a monitorable series");
}

const std::vector<std::string>& monitor_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const SeriesSpec& series : stored_series())
      if (series.monitorable) list.emplace_back(series.name);
    return list;
  }();
  return names;
}

std::string to_string(Monitor monitor) {
  return monitor.series().name;
}

std::optional<Monitor> monitor_from(std::string_view name) {
  const SeriesSpec* series = find_series(name);
  if (!series || !series->monitorable) return std::nullopt;
  return Monitor(name);
}

double monitored_value(Monitor monitor, const IterationStats& stats) {
  return stats.*monitor.series().measured;
}

double improvement(Monitor monitor, double best, double value) {
  return monitor.series().lower_is_better ? best - value : value - best;
}

} // namespace nnlab
