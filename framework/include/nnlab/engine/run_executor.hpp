#pragma once

#include <atomic>
#include <filesystem>
#include <ostream>
#include <string>

#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// How to execute a run.
struct RunOptions {
  /// The course's per-iteration lines go here when set.
  std::ostream* verbose = nullptr;
  /// Where training.checkpoint_every and a stop write <id>.h5 (and where a run finds one
  /// to resume from).
  std::filesystem::path checkpoint_dir;
  /// Once set (a SIGINT), the run stops after its current iteration's update: with a
  /// checkpoint_dir it saves a checkpoint there first, whatever checkpoint_every says, and
  /// execute_run throws RunInterrupted. Read once per iteration.
  const std::atomic<bool>* stop = nullptr;
  /// > 0 and before the run's last iteration (needs a checkpoint_dir): training pauses
  /// after this iteration's update, a rung of successive halving. The run's checkpoint is
  /// kept there, and the record returned has status pruned and the series and weights of
  /// the iterations done: the next execute_run without a pause (or with a later one)
  /// continues from the checkpoint, bit-identical to a run trained straight through.
  arma::uword pause_at = 0;
};

/// What execute_run throws when options.stop stopped the run: nothing is to be stored;
/// its checkpoint (when it had a checkpoint_dir) holds the iterations done, and the next
/// execute_run of the run resumes from it. Not a std::exception, so that no handler of
/// failures takes it for one.
struct RunInterrupted {
  std::string run_id;
  arma::uword iteration = 0; ///< the iterations done, saved in the checkpoint
};

/// Trains one prepared run from its own seeded Rng and returns everything to store.
/// A run whose cost turns NaN/inf is `diverged`; one whose plugin throws, or for which
/// memory runs out, is `failed`, its message saying what it was doing ("building the
/// network: out of memory (std::bad_alloc)"); neither throws. Safe to call from several
/// threads at once for different runs. With training.checkpoint_every and a
/// checkpoint_dir it saves the run there as it goes; with a checkpoint_dir it resumes
/// from a checkpoint found there, ending bit-identical to an uninterrupted run; the file
/// is removed when the run ends. A checkpoint that does not belong to the run throws
/// StorageError naming the file (before anything trains).
NNLAB_EXPORT RunRecord execute_run(const PreparedRun& run, const RunOptions& options = {});

} // namespace nnlab
