#include "nnlab/train/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "nnlab/core/error.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/model/panel_pass.hpp"
#include "nnlab/train/lr_schedule.hpp"
#include "nnlab/train/metrics.hpp"

namespace nnlab {

namespace {

// The mini-batches of one training set: each epoch a permutation of the samples (fresh
// from Rng(mix_seed(seed, epoch)), or in order without shuffling) cut into batches of
// `batch` columns, the last one smaller when batch does not divide m. Every buffer is
// sized here; gather() copies columns into them.
class MiniBatches {
public:
  MiniBatches(const arma::mat& X, const arma::mat& Y, const TrainSettings& settings)
      : X_(X), Y_(Y), settings_(settings), m_(X.n_cols), batch_(settings.batch_for(m_)),
        per_epoch_(settings.batches_per_epoch(m_)), order_(m_) {
    const arma::uword last = m_ - (per_epoch_ - 1) * batch_;
    full_ = {arma::mat(X.n_rows, batch_), arma::mat(Y.n_rows, batch_)};
    if (last != batch_) last_ = {arma::mat(X.n_rows, last), arma::mat(Y.n_rows, last)};
  }

  struct Batch {
    arma::mat X, Y;
  };

  /// The batch of update t (1-based), its columns copied in.
  Batch& gather(arma::uword t) {
    const arma::uword epoch = (t - 1) / per_epoch_, b = (t - 1) % per_epoch_;
    if (epoch != epoch_) order_for(epoch);
    const arma::uword first = b * batch_;
    Batch& out = b + 1 == per_epoch_ && last_.X.n_cols > 0 ? last_ : full_;
    for (arma::uword j = 0; j < out.X.n_cols; ++j) {
      const arma::uword i = order_[first + j];
      std::memcpy(out.X.colptr(j), X_.colptr(i), X_.n_rows * sizeof(double));
      std::memcpy(out.Y.colptr(j), Y_.colptr(i), Y_.n_rows * sizeof(double));
    }
    return out;
  }

private:
  void order_for(arma::uword epoch) {
    if (settings_.shuffle) {
      Rng rng(mix_seed(settings_.shuffle_seed, epoch));
      rng.shuffle(order_);
    } else {
      for (arma::uword i = 0; i < m_; ++i)
        order_[i] = i;
    }
    epoch_ = epoch;
  }

  const arma::mat& X_;
  const arma::mat& Y_;
  const TrainSettings& settings_;
  arma::uword m_, batch_, per_epoch_;
  arma::uvec order_;
  arma::uword epoch_ = static_cast<arma::uword>(-1);
  Batch full_, last_;
};

// dC/dparams as the optimizer sees it: the network's gradient, plus lambda W for L2 weight
// decay, rescaled to clip_norm when longer. Without either it is the network's own vector.
class GradientTransform {
public:
  GradientTransform(const Mlp& mlp, const TrainSettings& settings)
      : weight_decay_(settings.weight_decay), clip_norm_(settings.clip_norm) {
    if (weight_decay_ > 0.0) mask_ = mlp.weight_mask();
    if (weight_decay_ > 0.0 || clip_norm_ > 0.0) g_.zeros(mlp.n_params());
  }

  const arma::vec& operator()(const Mlp& mlp) {
    if (g_.n_elem == 0) return mlp.grads();
    if (weight_decay_ > 0.0)
      g_ = mlp.grads() + weight_decay_ * (mask_ % mlp.params());
    else
      g_ = mlp.grads();
    if (clip_norm_ > 0.0) {
      const double norm = arma::norm(g_, 2);
      if (norm > clip_norm_) g_ *= clip_norm_ / norm;
    }
    return g_;
  }

private:
  double weight_decay_, clip_norm_;
  arma::vec mask_, g_;
};

// The outputs gave a finite cost, so a NaN or Inf in the loss's gradient of them is the
// loss plugin's fault, not a divergence: fail the run saying so rather than let the next
// cost turn NaN and blame the learning rate.
void check_loss_gradient(const arma::mat& d_output, const IterationStats& stats) {
  if (d_output.is_finite()) return;
  throw PluginError("the loss gradient has NaN or Inf at iteration " +
                    std::to_string(stats.iteration) + " although the cost is finite (" +
                    std::to_string(stats.cost_train) + "): the loss plugin's gradient() is broken");
}

} // namespace

TrainResult Trainer::run(Mlp& mlp, Optimizer& optimizer, const Loss& loss, const DataSplit& data,
                         const TrainSettings& settings, TrainObserver& observer,
                         const TrainStart& start) const {
  const arma::mat& X_train = data.train.X;
  const arma::mat& X_test = data.test.X;
  const arma::mat& X_valid = data.valid.X;
  const bool validation = X_valid.n_cols > 0;
  if (X_train.n_rows != mlp.n_inputs() || X_test.n_rows != mlp.n_inputs() ||
      (validation && X_valid.n_rows != mlp.n_inputs()))
    throw DataError("Trainer: the data has " + std::to_string(X_train.n_rows) +
                    " features, the network expects " + std::to_string(mlp.n_inputs()));
  if (start.iteration > settings.iterations)
    throw std::invalid_argument("Trainer::run(): start after iteration " +
                                std::to_string(start.iteration) + " of " +
                                std::to_string(settings.iterations));
  if (start.iteration > 0 && settings.lr_schedule.kind == LrScheduleSettings::Kind::adaptive &&
      (!start.series || start.series->cost_train.n_elem != start.iteration))
    throw std::invalid_argument("Trainer::run(): resuming an adaptive schedule needs the "
                                "series of the iterations done");

  // Everything the loop touches is sized here, so the loop itself allocates nothing.
  const arma::mat Y_train = make_targets(data.train.y, mlp.n_outputs());
  const arma::mat Y_test = make_targets(data.test.y, mlp.n_outputs());
  const arma::mat Y_valid = validation ? make_targets(data.valid.y, mlp.n_outputs()) : arma::mat();
  // One set of panel buffers for the test, validation, training and mini-batch passes:
  // each pass is done with them before the next one starts.
  PanelPass pass(mlp, std::max({X_train.n_cols, X_test.n_cols, X_valid.n_cols}));
  const bool full_batch = settings.batch_for(X_train.n_cols) == X_train.n_cols;
  std::optional<MiniBatches> batches;
  if (!full_batch) batches.emplace(X_train, Y_train, settings);
  GradientTransform gradient(mlp, settings);
  LrSchedule schedule(settings.lr_schedule, settings.learning_rate);
  if (start.iteration > 0 && start.series) schedule.replay(*start.series);
  optimizer.reset(mlp.n_params());
  if (start.optimizer_state) optimizer.restore(*start.optimizer_state);

  TrainResult result;
  result.iterations_done = start.iteration;
  IterationStats stats;
  for (arma::uword iteration = start.iteration + 1; iteration <= settings.iterations; ++iteration) {
    // The test pass, then the training pass. In full-batch training the latter is also the
    // course's step: the gradient of the whole training set's cost, computed panel by
    // panel on the way (used only once the costs are known to be finite).
    stats.iteration = iteration;
    const arma::mat& a_test = pass.forward(mlp, X_test);
    stats.cost_test = loss.value(a_test, Y_test);
    stats.accuracy_test = accuracy(a_test, data.test.y);
    if (validation) {
      const arma::mat& a_valid = pass.forward(mlp, X_valid);
      stats.cost_valid = loss.value(a_valid, Y_valid);
      stats.accuracy_valid = accuracy(a_valid, data.valid.y);
    }
    const arma::mat& a_train = full_batch ? pass.forward_backward(mlp, X_train, Y_train, loss)
                                          : pass.forward(mlp, X_train);
    stats.cost_train = loss.value(a_train, Y_train);
    stats.accuracy_train = accuracy(a_train, data.train.y);
    if (!std::isfinite(stats.cost_train) || !std::isfinite(stats.cost_test) ||
        !std::isfinite(stats.cost_valid)) {
      result.status = TrainResult::Status::diverged;
      result.message = "cost became " + std::to_string(stats.cost_train) + " (train) / " +
                       std::to_string(stats.cost_test) + " (test)" +
                       (validation ? " / " + std::to_string(stats.cost_valid) + " (validation)"
                                   : std::string()) +
                       " at iteration " + std::to_string(iteration) +
                       "; try a smaller learning rate?";
      return result;
    }
    result.iterations_done = iteration;
    if (observer.on_iteration(stats)) {
      result.status = TrainResult::Status::stopped;
      result.message = "stopped by an observer at iteration " + std::to_string(iteration);
      return result;
    }
    const double alpha = schedule.rate(stats);

    if (!full_batch) {
      auto& batch = batches->gather(iteration);
      pass.forward_backward(mlp, batch.X, batch.Y, loss);
    }
    check_loss_gradient(pass.output_gradient(), stats);
    optimizer.step(mlp.params(), gradient(mlp), alpha);
    if (observer.after_step(iteration, mlp, optimizer)) {
      result.status = TrainResult::Status::stopped;
      result.message = "stopped by an observer after iteration " + std::to_string(iteration);
      return result;
    }
  }
  return result;
}

} // namespace nnlab
