#pragma once

#include <armadillo>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/plugin/loss.hpp"
#include "nnlab/plugin/optimizer.hpp"
#include "nnlab/train/observer.hpp"
#include "nnlab/train/series_recorder.hpp"
#include "nnlab/train/train_settings.hpp"

namespace nnlab {

struct TrainResult {
  enum class Status { done, diverged, stopped };
  Status status = Status::done;
  arma::uword iterations_done = 0;
  std::string message; ///< why it diverged or stopped
};

/// Where training starts: from scratch, or after `iteration` iterations already done
/// (resuming a checkpoint: the caller has put the parameters back), with the optimizer's
/// state restored right after its reset() and the series of the iterations done (the
/// adaptive learning-rate schedule replays them; required for it).
struct TrainStart {
  arma::uword iteration = 0;
  const OptimizerState* optimizer_state = nullptr;
  const RunSeries* series = nullptr;
};

/// Gradient descent as the course's training loop: each iteration feeds the test, the
/// validation (when data.valid has samples) and the train sets forward, records their
/// costs and accuracies, backpropagates (the whole
/// training set, or the iteration's mini-batch) and lets the optimizer update the
/// parameters at the schedule's rate, with the gradient after weight decay and clipping.
/// A non-finite cost stops it as `diverged`.
/// The loop allocates nothing: every buffer is sized before the first iteration.
/// Iterations run from start.iteration + 1 to settings.iterations; a start past the last
/// iteration throws std::invalid_argument.
class NNLAB_EXPORT Trainer {
public:
  TrainResult run(Mlp& mlp, Optimizer& optimizer, const Loss& loss, const DataSplit& data,
                  const TrainSettings& settings, TrainObserver& observer,
                  const TrainStart& start = {}) const;
};

} // namespace nnlab
