#include "nnlab/train/monitor.hpp"

namespace nnlab {

const std::vector<std::string>& monitor_names() {
  // In the order of the enum, so that monitor_from() can index it.
  static const std::vector<std::string> names{"cost_train", "cost_test", "accuracy_train",
                                              "accuracy_test"};
  return names;
}

std::string to_string(Monitor monitor) {
  return monitor_names().at(static_cast<std::size_t>(monitor));
}

std::optional<Monitor> monitor_from(std::string_view name) {
  const auto& names = monitor_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<Monitor>(i);
  return std::nullopt;
}

double monitored_value(Monitor monitor, const IterationStats& stats) {
  switch (monitor) {
  case Monitor::cost_train: return stats.cost_train;
  case Monitor::cost_test: return stats.cost_test;
  case Monitor::accuracy_train: return stats.accuracy_train;
  case Monitor::accuracy_test: return stats.accuracy_test;
  }
  return stats.cost_test;
}

double improvement(Monitor monitor, double best, double value) {
  const bool upward = monitor == Monitor::accuracy_train || monitor == Monitor::accuracy_test;
  return upward ? value - best : best - value;
}

} // namespace nnlab
