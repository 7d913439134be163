#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/engine/run_trainer.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab {

struct SweepOptions {
  std::filesystem::path results_dir = "results"; ///< the experiment goes in <this>/<name>/
  unsigned jobs = 0;                             ///< runs trained at once; 0: one per core
  bool force = false;                            ///< retrain runs already complete in the store
  bool verbose = false;                          ///< the course's per-iteration lines for each run
  bool quiet = false;                            ///< no per-run lines, no status line
  bool terminal = false;                         ///< `out` is a terminal: keep a live status line
  std::string command_line;                      ///< stored as provenance
  /// Keep stored runs whose files or libraries changed since (default: retrain them).
  bool keep_stale = false;
  /// Set (e.g. by a SIGINT handler) to stop starting new runs; runs in flight finish
  /// and are stored.
  const std::atomic<bool>* stop = nullptr;
  /// How often finished runs are merged into runs.h5 (they are safe in its journal
  /// from the moment they finish).
  double publish_every_s = 10.0;
  /// Where the runs are trained; empty: `jobs` threads of this process (train_on_threads).
  RunTrainerFactory trainer;
};

struct SweepResult {
  std::filesystem::path experiment_dir, store_file;
  /// the sweep's runs; trained now, kept from the store; of the sweep's runs, how many
  /// diverged and failed (counted when not interrupted)
  std::size_t runs = 0, trained = 0, skipped = 0, diverged = 0, failed = 0;
  bool interrupted = false;
  std::string first_failure; ///< "<id> <label seed=S>: <message>" of the first failed run
  double wall_time_s = 0.0;
  /// Where wall_time_s went on the calling thread: checking every run and opening the
  /// store (prepare_s), writing finished runs and publishing runs.h5 (store_s), waiting
  /// for runs to train (the rest).
  double prepare_s = 0.0, store_s = 0.0;
};

/// The data path of `runner EXP.yaml` up to the store: builds and checks every run before
/// any trains (one at a time, each dropped again), trains the runs not yet complete in
/// <results>/<name>/runs.h5, and the stale ones (a file they read changed since, or a
/// library they ran gives other results now: run_standing.hpp; they replace the stored
/// ones), on `jobs` threads (one BLAS thread each; a run is built when
/// it starts and dropped once stored, so memory does not grow with the sweep) and stores
/// each as it finishes, printing its progress to `out`. It ends once the runs are stored:
/// what reads them (summary, plots, report) is report/'s finish_experiment(). Results do
/// not depend on `jobs` or on the order runs finish.
NNLAB_EXPORT SweepResult run_sweep(const Experiment& experiment, const std::vector<RunSpec>& specs,
                                   Registry& registry, const SweepOptions& options,
                                   std::ostream& out);

} // namespace nnlab
