#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/train/observer.hpp"
#include "nnlab/train/train_settings.hpp"

namespace nnlab {

/// "cost_train", "cost_test", "accuracy_train", "accuracy_test".
NNLAB_EXPORT std::string to_string(Monitor monitor);
NNLAB_EXPORT std::optional<Monitor> monitor_from(std::string_view name);
NNLAB_EXPORT const std::vector<std::string>& monitor_names();

/// The monitored series' value at one iteration.
NNLAB_EXPORT double monitored_value(Monitor monitor, const IterationStats& stats);
/// How far `value` improves on `best`: best - value for a cost, value - best for an
/// accuracy (positive is better).
NNLAB_EXPORT double improvement(Monitor monitor, double best, double value);

} // namespace nnlab
