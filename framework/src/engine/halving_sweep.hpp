#pragma once

// Private to the engine: successive halving and Hyperband as rounds of ordinary runs.

#include <vector>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/run_spec.hpp"
#include "nnlab/engine/progress.hpp"
#include "nnlab/storage/run_store.hpp"
#include "sweep_rounds.hpp"

namespace nnlab {

/// Trains a halving or hyperband sweep, bracket by bracket (plan_brackets) and rung by
/// rung. At a rung every point of the bracket still in it trains all its seeds to the
/// rung's iteration (pausing there, RunOptions::pause_at; the last rung is the run's end),
/// each stored as it comes back (status pruned until it continues). Then the points are
/// ranked by the median over their seeds of the monitored series at the rung, read back
/// from the store (a failed, diverged or missing value ranks last; ties go to the point
/// whose smallest run id sorts first), and the best max(1, n / eta) continue from their
/// checkpoints; the others keep their stored record, status pruned, and lose their
/// checkpoint. Decisions read stored results only, so they do not depend on timing, jobs,
/// ranks or interruptions. A run stored as pruned at or beyond a rung (or finished) is not
/// trained again for it; `pending` (missing, failed and stale runs) are trained anew.
/// Returns early, with result.interrupted set by `rounds`, when a stop interrupts a round.
void run_halving(const Experiment& experiment, const std::vector<RunSpec>& specs,
                 const std::vector<const RunSpec*>& pending, RunStore& store, SweepRounds& rounds,
                 ProgressReporter& progress);

} // namespace nnlab
