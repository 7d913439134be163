#pragma once

#include <armadillo>
#include <cstdint>
#include <optional>

#include "nnlab/train/monitor.hpp"

namespace nnlab {

/// Stop when `monitor` has not improved on its best by more than min_delta for
/// `patience` iterations in a row (Keras' EarlyStopping, ensmallen's EarlyStopAtMinLoss).
/// With restore_best the run ends with the parameters of its best iteration (Keras'
/// restore_best_weights, scikit-learn's MLP with early_stopping) rather than its last.
struct EarlyStoppingSettings {
  arma::uword patience = 1;
  double min_delta = 0.0;
  /// cost_test by default; cost_valid once TrainSettings::watch_validation() says the run
  /// has a validation set, unless monitor_given.
  Monitor monitor{"cost_test"};
  bool restore_best = true;
  bool monitor_given = false; ///< `monitor` was written in the experiment
};

/// How the learning rate alpha_t of update t = 1, 2, ... follows from the base rate alpha
/// (scikit-learn's MLP `learning_rate`, Keras' schedules):
///   constant     alpha_t = alpha
///   step         alpha_t = alpha * drop^floor((t - 1) / every)
///   exponential  alpha_t = alpha * gamma^(t - 1)
///   invscaling   alpha_t = alpha / t^power_t
///   adaptive     alpha_t = alpha, divided by 5 each time `monitor` has gone `patience`
///                iterations in a row without improving on its best by more than tol.
struct LrScheduleSettings {
  enum class Kind { constant, step, exponential, invscaling, adaptive };
  Kind kind = Kind::constant;
  double drop = 0.5;             ///< step
  arma::uword every = 1000;      ///< step
  double gamma = 0.999;          ///< exponential
  double power_t = 0.5;          ///< invscaling (scikit-learn's default)
  arma::uword patience = 10;     ///< adaptive (scikit-learn's n_iter_no_change)
  double tol = 1e-4;             ///< adaptive (scikit-learn's tol)
  /// adaptive: scikit-learn watches the train loss; cost_valid with a validation set
  /// (TrainSettings::watch_validation()), unless monitor_given.
  Monitor monitor{"cost_train"};
  bool monitor_given = false; ///< adaptive: `monitor` was written in the experiment
};

/// Gradient descent: `iterations` updates of the optimizer, each on the whole training
/// set (batch_size 0) or on one mini-batch of it.
/// (The first four fields keep their order: tests build settings as {iterations, rate}.)
struct TrainSettings {
  arma::uword iterations = 5000;
  double learning_rate = 0.05;
  /// Save the run's state after every this many iterations (0: never); execute_run
  /// resumes from it.
  arma::uword checkpoint_every = 0;
  std::optional<EarlyStoppingSettings> early_stopping = std::nullopt;
  /// `epochs` instead of `iterations`: iterations = epochs * ceil(m / batch size),
  /// fixed by resolve() once the training set's size m is known.
  std::optional<arma::uword> epochs = std::nullopt;
  /// Samples per update; 0 (or m and more): the whole training set, as the course does.
  arma::uword batch_size = 0;
  /// Reshuffle the training set at the start of every epoch (mini-batches only).
  bool shuffle = true;
  LrScheduleSettings lr_schedule{};
  /// L2 penalty lambda/2 |W|^2 on the weights (not the biases): dW += lambda W.
  double weight_decay = 0.0;
  /// Rescale the gradient to this Euclidean norm when it is longer (0: never).
  double clip_norm = 0.0;
  /// Seeds epoch e's shuffle as Rng(mix_seed(shuffle_seed, e)); set from the run's
  /// mini-batch stream by the engine (RunStreams::batches), so a resumed run reshuffles
  /// exactly as the uninterrupted one.
  std::uint64_t shuffle_seed = 0;
  /// In (0, 1): this fraction of the training set is held out as the validation set,
  /// stratified by class (scikit-learn's validation_fraction); 0: none held out.
  double validation_fraction = 0.0;
  /// Weight snapshots for a movie of training (snapshots.hpp): `snapshots` K log-spaced
  /// from iteration 0 to the last, or one every `snapshot_every` iterations (0: none).
  /// Like checkpoints, they change how a run is kept, not what it computes.
  arma::uword snapshots = 0;
  arma::uword snapshot_every = 0;

  /// The samples per update for a training set of m samples.
  arma::uword batch_for(arma::uword m) const {
    return batch_size == 0 || batch_size > m ? m : batch_size;
  }
  /// Updates per epoch for m samples: ceil(m / batch).
  arma::uword batches_per_epoch(arma::uword m) const {
    const arma::uword batch = batch_for(m);
    return batch == 0 ? 0 : (m + batch - 1) / batch;
  }
  /// With `epochs`, sets iterations for a training set of m samples.
  void resolve(arma::uword m) {
    if (epochs) iterations = *epochs * batches_per_epoch(m);
  }
  /// For a run with a validation set: early stopping and the adaptive schedule watch
  /// cost_valid, unless the experiment named their monitor.
  void watch_validation() {
    if (early_stopping && !early_stopping->monitor_given)
      early_stopping->monitor = Monitor("cost_valid");
    if (!lr_schedule.monitor_given) lr_schedule.monitor = Monitor("cost_valid");
  }
};

} // namespace nnlab
