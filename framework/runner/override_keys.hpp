#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nnlab {
class Registry;
}

namespace nnlab::runner {

/// The key paths an override of this experiment may set, each followed by '=':
/// the core's keys (name, seed, model.layers, training.iterations, ...), the parameters of
/// every plugin the file names (optimizer.momentum for momentum, in the base or a sweep),
/// the sweep's keys (sweep.optimizer.learning_rate) and every key written in the file.
/// An experiment that does not load gives the core's keys only.
std::vector<std::string> override_keys(const std::filesystem::path& experiment, Registry& registry);

/// The values `key` takes, where they are a known set: plugin names for *.plugin,
/// activations, init kinds, schedules, monitors, sweep modes, true/false for booleans.
std::vector<std::string> override_values(const std::filesystem::path& experiment,
                                         const std::string& key, Registry& registry);

/// The core's own keys of an experiment, as key paths (the plugins' keys are theirs).
const std::vector<std::string>& core_key_paths();

} // namespace nnlab::runner
