#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/train/observer.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

/// The series early stopping or the adaptive schedule watches: a monitorable row of
/// stored_series(). Costs improve downward, accuracies upward (SeriesSpec::lower_is_better).
class NNLAB_EXPORT Monitor {
public:
  /// Throws std::invalid_argument unless `name` is a monitorable series (monitor_from()
  /// checks a name from the user).
  explicit Monitor(std::string_view name);
  const SeriesSpec& series() const { return *series_; }
  bool operator==(const Monitor& other) const { return series_ == other.series_; }

private:
  const SeriesSpec* series_;
};

/// The series' name: "cost_train", "cost_test", ...
NNLAB_EXPORT std::string to_string(Monitor monitor);
/// The monitor of that name, or nothing when it is not a monitorable series.
NNLAB_EXPORT std::optional<Monitor> monitor_from(std::string_view name);
/// The monitorable series' names, in table order.
NNLAB_EXPORT const std::vector<std::string>& monitor_names();

/// The monitored series' value at one iteration.
NNLAB_EXPORT double monitored_value(Monitor monitor, const IterationStats& stats);
/// How far `value` improves on `best`: best - value for a cost, value - best for an
/// accuracy (positive is better).
NNLAB_EXPORT double improvement(Monitor monitor, double best, double value);

} // namespace nnlab
