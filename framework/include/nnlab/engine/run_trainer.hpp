#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nnlab/config/run_spec.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// A run trained, with the course's per-iteration lines when asked for.
struct FinishedRun {
  RunRecord record;
  std::string verbose_text;
};

/// What a sweep asks to have trained.
struct TrainRequest {
  const std::vector<RunSpec>* all = nullptr; ///< every run of the sweep, in sweep order
  std::vector<const RunSpec*> runs;          ///< the ones to train (into *all)
  RunPreparer* preparer = nullptr;           ///< builds each run as it starts
  unsigned jobs = 1;                         ///< threads that train at once
  bool verbose = false;
  std::filesystem::path checkpoint_dir;
  /// Set (a SIGINT): start no more runs, and stop those in progress at their next
  /// iteration, each saving a checkpoint there (RunOptions::stop).
  const std::atomic<bool>* stop = nullptr;
  /// > 0: each run pauses after this iteration (RunOptions::pause_at), a rung of successive
  /// halving, and comes back with status pruned; its checkpoint stays in checkpoint_dir.
  std::uint64_t pause_at = 0;
};

/// Where a sweep's runs are trained: threads of this process (train_on_threads(),
/// thread_trainer.hpp), or other processes (the runner's MPI coordinator). The sweep
/// stores each run it hands back. An interface only: each kind of trainer is in its file.
class NNLAB_EXPORT RunTrainer {
public:
  virtual ~RunTrainer() = default;
  /// The next finished run, in any order; false once every run is trained (or, after a
  /// stop request, every run started is).
  virtual bool next(FinishedRun& finished) = 0;
  /// next(), waiting at most `wait` for a run: nothing when none came in that time (a
  /// caller that has other things to watch, such as messages, polls with it). The default
  /// waits as next() does.
  virtual std::optional<bool> next_within(FinishedRun& finished, std::chrono::milliseconds) {
    return next(finished);
  }
  /// Whether runs were left untrained, or interrupted, because of a stop request.
  virtual bool stopped_early() const = 0;
};

/// Makes the trainer of a sweep; `where` says how it trains ("2 thread(s)").
struct RunTrainerFactory {
  std::function<std::unique_ptr<RunTrainer>(TrainRequest)> make;
  std::function<std::string(const TrainRequest&)> where;
  /// Called once when the sweep has no more runs to train (after its last trainer is
  /// gone), if set: a sweep may make several trainers in turn (the rungs of successive
  /// halving), and a trainer that keeps other processes waiting between them lets them go.
  std::function<void()> close;
};

} // namespace nnlab
