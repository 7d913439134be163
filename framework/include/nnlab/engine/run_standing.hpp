#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "nnlab/config/run_spec.hpp"
#include "nnlab/engine/library_checks.hpp"
#include "nnlab/engine/run_inputs.hpp"
#include "nnlab/export.hpp"
#include "nnlab/storage/run_header.hpp"

namespace nnlab {

/// Where a run of a sweep stands against the store: what `runner status` shows and what a
/// rerun trains (missing, failed and stale runs; stale ones unless --keep-stale).
enum class RunState {
  done,       ///< stored complete, from the files and libraries of now (or alike ones)
  diverged,   ///< stored as diverged (complete, not retrained), from the inputs of now
  failed,     ///< stored as failed: a rerun tries it again
  stale,      ///< stored, but a file it read changed (or is gone), or a library it ran
              ///< was rebuilt and gives other results: its results are not current
  unverified, ///< stored from the files of now, but a library it ran was rebuilt and not
              ///< checked yet: a rerun re-executes one such run to decide
  missing,    ///< not in the store
  pruned,     ///< stored as pruned by successive halving (partial results), from the inputs
              ///< of now: a halving sweep keeps it, other modes train it to the end
};
inline constexpr std::size_t run_state_count = 7;

/// "done", "diverged", "failed", "stale", "unverified", "missing".
NNLAB_EXPORT std::string to_string(RunState state);

/// One run's standing, with why when it is stale or unverified ("../data/b.csv changed",
/// "../data/b.csv is missing", "optimizer/sgd gives other results", "core rebuilt, not
/// checked yet"), and the stored message of a failed run.
struct RunStanding {
  RunState state = RunState::missing;
  std::vector<std::string> why;
};

/// A file or library that differs from what stored runs of the sweep were made with.
struct InputChange {
  std::string name; ///< the file as the experiment names it, or the library ("core")
  bool library = false;
  /// A file: "changed", or UnreadableInput::why ("is missing", ...). A library:
  /// "reproduces" (a check found its results alike), "gives other results", "unchecked".
  std::string what;
  std::size_t runs = 0; ///< stored runs of the sweep it concerns
  std::string was;      ///< a library: the hash the runs were stored with
  std::string now;      ///< a library: its hash now
  LibraryCheck check;   ///< a library: the check that decided (run empty: none yet)
};

/// Every run of a sweep against its store.
struct SweepStanding {
  std::vector<RunStanding> runs;                     ///< one per run, in sweep order
  std::vector<InputChange> changes;                  ///< in the order first met
  std::array<std::size_t, run_state_count> counts{}; ///< runs in each RunState

  std::size_t count(RunState state) const { return counts[static_cast<std::size_t>(state)]; }
};

/// Compares each run of the sweep (`specs`, with `now`: each one's RunInputs in the same
/// order) with its stored header (`stored`: RunStore::run_headers(), any order; runs not
/// of the sweep are ignored), given what `checks` found about rebuilt libraries. A file a
/// run read whose hash differs now (or that cannot be read now) makes it stale; a library
/// whose hash differs makes it stale when a check found other results, unverified when
/// none decided yet. Runs stored before inputs were recorded count as current.
NNLAB_EXPORT SweepStanding assess_sweep(const std::vector<RunSpec>& specs,
                                        const std::vector<std::shared_ptr<const RunInputs>>& now,
                                        const std::vector<RunHeader>& stored,
                                        const LibraryChecks& checks);

} // namespace nnlab
