#pragma once

#include <armadillo>
#include <optional>

namespace nnlab {

/// The series early stopping watches: costs improve downward, accuracies upward.
enum class Monitor { cost_train, cost_test, accuracy_train, accuracy_test };

/// Stop when `monitor` has not improved on its best by more than min_delta for
/// `patience` iterations in a row (Keras' EarlyStopping, ensmallen's EarlyStopAtMinLoss).
struct EarlyStoppingSettings {
  arma::uword patience = 1;
  double min_delta = 0.0;
  Monitor monitor = Monitor::cost_test;
};

/// Full-batch gradient descent: `iterations` steps of the optimizer at rate alpha.
struct TrainSettings {
  arma::uword iterations = 5000;
  double learning_rate = 0.05;
  /// Save the run's state after every this many iterations (0: never); execute_run
  /// resumes from it.
  arma::uword checkpoint_every = 0;
  std::optional<EarlyStoppingSettings> early_stopping = std::nullopt;
};

} // namespace nnlab
