#pragma once

#include <functional>
#include <ostream>
#include <vector>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/run_spec.hpp"
#include "nnlab/config/search_space.hpp"
#include "nnlab/engine/sweep_runner.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab {

/// `sweep.mode: tpe`: rounds of run_sweep, each waiting for the one before.
/// - Round 0 is the warm-up, `warmup` points drawn as random mode draws them (the runs
///   expand_sweep gives: pass them in `runs`).
/// - Round r = 1..`rounds` proposes `batch` points with a TpeSampler from every point of
///   the rounds before: a point's loss is the median over its seeds of the monitored
///   series' final value (run_final_value; negated for an accuracy; a run without one
///   counts as the worst), read from the store in point order. Its draws come from an Rng
///   of the experiment seed and r alone.
/// Nothing depends on when or where a run finished: the proposals and the store are the
/// same at any --jobs, and a sweep stopped in any round (even killed) resumes there,
/// proposing the same points again from the same stored runs. `runs` ends with every
/// round's runs (indices continue across rounds); the result adds up the rounds'.
/// `announce` (when set) is told each round's proposals before the round trains, and an
/// empty list once the sweep ends (done or interrupted): the other ranks of an MPI job
/// build the same runs from them.
NNLAB_EXPORT SweepResult
run_tpe_sweep(const Experiment& experiment, std::vector<RunSpec>& runs, Registry& registry,
              const SweepOptions& options, std::ostream& out,
              const std::function<void(const std::vector<SearchPoint>&)>& announce = {});

} // namespace nnlab
