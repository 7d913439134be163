#pragma once

// Private to the engine: what a rerun of a sweep trains, once the store's runs are checked
// against the files and libraries of now.

#include <cstddef>
#include <string>
#include <vector>

#include "nnlab/config/run_spec.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

struct RerunPlan {
  std::vector<const RunSpec*> pending; ///< to train, in sweep order
  std::size_t kept_diverged = 0;       ///< runs kept that are stored as diverged
  std::size_t kept_pruned = 0;         ///< runs kept that are stored as pruned (keep_pruned)
  /// What changed, one line per changed file or library: "../data/xor_train.csv changed
  /// since 27 runs were stored: retraining them".
  std::vector<std::string> lines;
};

/// The runs of the sweep to train: those not in the store, failed ones, and stale ones
/// (unless keep_stale): RunState. Before deciding, a library rebuilt since runs were stored
/// and not checked yet is checked: one such run is re-executed and compared bit for bit,
/// and what it found is stored at once in the store's library_checks (so the next rerun
/// does not check again). `preparer` must have checked `specs` (RunPreparer::check). With
/// force: every run, nothing checked. Runs stored as pruned (and current) are kept with
/// keep_pruned (a halving sweep continues or keeps them), else trained to the end.
RerunPlan plan_rerun(const std::vector<RunSpec>& specs, RunPreparer& preparer, RunStore& store,
                     bool force, bool keep_stale, bool keep_pruned = false);

} // namespace nnlab
