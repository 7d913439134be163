#pragma once

// Private to the engine: trains rounds of a sweep's runs and stores each as it comes back.
// A grid, zip or random sweep is one round; successive halving is one round per rung.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "nnlab/config/run_spec.hpp"
#include "nnlab/engine/progress.hpp"
#include "nnlab/engine/run_trainer.hpp"
#include "nnlab/engine/sweep_runner.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

class SweepRounds {
public:
  /// `request` holds what every round shares (all runs, preparer, jobs, checkpoints, stop);
  /// its runs are set by each round. The objects given must outlive this one.
  SweepRounds(TrainRequest request, RunTrainerFactory trainer, const SweepOptions& options,
              RunStore& store, SweepResult& result, ProgressReporter& progress);

  /// Trains `runs` (each pausing at `pause_at` when > 0, RunOptions::pause_at) and stores
  /// every run as it comes back, publishing runs.h5 now and then and once at the end.
  /// Returns false when a stop interrupted the round (result.interrupted is set).
  bool train(const std::vector<const RunSpec*>& runs, std::uint64_t pause_at = 0);

  /// How many different runs the rounds trained.
  std::size_t runs_trained() const { return trained_.size(); }
  /// Where runs keep their checkpoints (and a paused run its rung's).
  const std::filesystem::path& checkpoint_dir() const { return request_.checkpoint_dir; }

private:
  TrainRequest request_;
  RunTrainerFactory trainer_;
  const SweepOptions& options_;
  RunStore& store_;
  SweepResult& result_;
  ProgressReporter& progress_;
  std::chrono::steady_clock::time_point last_publish_ = std::chrono::steady_clock::now();
  double publish_took_ = 0.0;           // seconds, the last merge
  std::size_t first_failed_ = SIZE_MAX; // the sweep index of the first failure
  std::size_t records_ = 0;
  std::set<std::string> trained_;
};

} // namespace nnlab
