#pragma once

#include <filesystem>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

/// Opens a sweep's store, <results>/<name>/runs.h5, once writing there is known to stay in
/// the results folder and to keep what is there. Each refusal is a ConfigError naming the
/// path (nothing has run, nothing is written or changed):
/// - <results>/<name> is not a folder, or it or anything in it is a symbolic link (the runner
///   never writes through a link, which could lead out of the results folder);
/// - the folder cannot be created (a path under a file, no permission);
/// - runs.h5 cannot be read as a store (damaged, truncated, not a store, from a newer
///   nnlab): it is left as it is, and the message says how to start a new one;
/// - runs.h5 holds the runs of another experiment file (its `experiment_file` attribute
///   differs from the header's): the runner never mixes two experiments in one store.
/// The store's header becomes `header`, but for what earlier sweeps found out and the
/// store keeps (library_checks), which `header` does not replace.
NNLAB_EXPORT RunStore open_experiment_store(const std::filesystem::path& experiment_dir,
                                            const StoreHeader& header);

} // namespace nnlab
