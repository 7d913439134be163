#pragma once

#include <armadillo>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/train/monitor.hpp"
#include "nnlab/train/observer.hpp"
#include "nnlab/train/train_settings.hpp"

namespace nnlab {

/// What early stopping carries from one iteration to the next (saved in checkpoints).
struct EarlyStoppingState {
  double best_value = 0.0;        ///< the best monitored value so far
  arma::uword best_iteration = 0; ///< where it was seen (0: no iteration seen yet)
  arma::uword since_best = 0;     ///< iterations since then without an improvement
  /// With keep_best(): the parameters the best value was measured on (empty otherwise).
  arma::vec best_params{};
};

/// Stops training once the monitored value has gone `patience` iterations in a row
/// without improving on its best by more than min_delta: a cost improves when it falls
/// below best - min_delta, an accuracy when it rises above best + min_delta. The first
/// iteration sets the best. It never changes the parameters itself; with keep_best() it
/// copies them each time the monitored value improves (into a buffer sized once), so
/// that the run can end with the best iteration's parameters (restore_best).
class NNLAB_EXPORT EarlyStopping final : public TrainObserver {
public:
  /// Throws std::invalid_argument for patience 0 or a negative or non-finite min_delta.
  explicit EarlyStopping(const EarlyStoppingSettings& settings);
  bool on_iteration(const IterationStats& stats) override;

  /// Watches `params` (Mlp::params(), which must outlive this): from now on an iteration
  /// that improves copies them, as they were when its value was measured (before its
  /// update). Call before training starts.
  void keep_best(const arma::vec& params);
  /// The parameters of best_iteration() (after best_iteration() - 1 updates); empty
  /// without keep_best() or before the first iteration.
  const arma::vec& best_params() const { return state_.best_params; }

  const EarlyStoppingSettings& settings() const { return settings_; }
  const EarlyStoppingState& state() const { return state_; }
  /// Continues from a state() saved earlier (a resumed run). Throws std::invalid_argument
  /// when its best_params do not fit keep_best()'s parameters (or there are none to keep).
  void restore(const EarlyStoppingState& state);
  arma::uword best_iteration() const { return state_.best_iteration; }
  /// The iteration training was stopped at, or 0 while it has not been.
  arma::uword stopped_at() const { return stopped_at_; }
  /// "early stop at iteration X: no improvement of cost_test by more than 0.001 in 20
  /// iterations (best at Y)".
  std::string message() const;

private:
  EarlyStoppingSettings settings_;
  EarlyStoppingState state_;
  const arma::vec* params_ = nullptr; ///< keep_best()'s parameters
  arma::uword stopped_at_ = 0;
};

} // namespace nnlab
