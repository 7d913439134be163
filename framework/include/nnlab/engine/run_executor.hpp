#pragma once

#include <filesystem>
#include <ostream>

#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// How to execute a run.
struct RunOptions {
  /// The course's per-iteration lines go here when set.
  std::ostream* verbose = nullptr;
  /// Where training.checkpoint_every writes <id>.h5 (and finds one to resume from).
  std::filesystem::path checkpoint_dir;
};

/// Trains one prepared run from its own seeded Rng and returns everything to store.
/// A run whose cost turns NaN/inf is `diverged`; one whose plugin throws is `failed`
/// with the message; neither throws. Safe to call from several threads at once for
/// different runs. With training.checkpoint_every and a checkpoint_dir it saves the run
/// there as it goes and resumes from a checkpoint found there, ending bit-identical to an
/// uninterrupted run; the file is removed when the run ends. A checkpoint that does not
/// belong to the run throws StorageError naming the file (before anything trains).
NNLAB_EXPORT RunRecord execute_run(const PreparedRun& run, const RunOptions& options = {});

} // namespace nnlab
