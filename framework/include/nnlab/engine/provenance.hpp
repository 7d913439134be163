#pragma once

#include <string>
#include <utility>
#include <vector>

#include "nnlab/config/experiment.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab {

using Attributes = std::vector<std::pair<std::string, std::string>>;

/// Where, from what and with what an experiment ran, as the store's root attributes:
/// command_line, experiment_file, experiment_dir, experiment_seed, git_commit, compiler,
/// armadillo_version, openblas_version, hdf5_version, boost_version, host, `plugins`
/// (YAML: "<kind>/<name>: {file: ..., sha256: ...}" for every plugin the runs use) and
/// `core_library` (YAML: "{file: .../libnnlab.so.0.1.0, sha256: ...}").
NNLAB_EXPORT Attributes collect_provenance(const Experiment& experiment, const PluginsUsed& plugins,
                                           const Registry& registry,
                                           const std::string& command_line);

} // namespace nnlab
