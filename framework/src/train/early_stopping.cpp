#include "nnlab/train/early_stopping.hpp"

#include <cmath>
#include <locale>
#include <sstream>
#include <stdexcept>

namespace nnlab {

namespace {

double monitored(Monitor monitor, const IterationStats& stats) {
  switch (monitor) {
  case Monitor::cost_train: return stats.cost_train;
  case Monitor::cost_test: return stats.cost_test;
  case Monitor::accuracy_train: return stats.accuracy_train;
  case Monitor::accuracy_test: return stats.accuracy_test;
  }
  return stats.cost_test;
}

bool upward(Monitor monitor) {
  return monitor == Monitor::accuracy_train || monitor == Monitor::accuracy_test;
}

} // namespace

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

EarlyStopping::EarlyStopping(const EarlyStoppingSettings& settings) : settings_(settings) {
  if (settings.patience < 1 || !(settings.min_delta >= 0.0) || !std::isfinite(settings.min_delta))
    throw std::invalid_argument("EarlyStopping: patience must be at least 1 and min_delta a "
                                "finite number >= 0");
}

bool EarlyStopping::on_iteration(const IterationStats& stats) {
  const double value = monitored(settings_.monitor, stats);
  const double gain =
      upward(settings_.monitor) ? value - state_.best_value : state_.best_value - value;
  if (state_.best_iteration == 0 || gain > settings_.min_delta) {
    state_ = {value, stats.iteration, 0};
    return false;
  }
  if (++state_.since_best < settings_.patience) return false;
  stopped_at_ = stats.iteration;
  return true;
}

std::string EarlyStopping::message() const {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << "early stop at iteration " << stopped_at_ << ": no improvement of "
      << to_string(settings_.monitor) << " by more than " << settings_.min_delta << " in "
      << settings_.patience << " iterations (best at " << state_.best_iteration << ")";
  return out.str();
}

} // namespace nnlab
