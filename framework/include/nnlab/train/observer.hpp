#pragma once

#include <armadillo>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

template <class T> class BasicMlp;
using Mlp = BasicMlp<double>;
class Optimizer;

/// Cost and accuracy at one iteration, measured before that iteration's update (as the
/// course records them).
struct IterationStats {
  arma::uword iteration = 0; ///< 1-based
  double cost_train = 0.0;
  double cost_test = 0.0;
  double accuracy_train = 0.0;
  double accuracy_test = 0.0;
};

/// Watches training, like ensmallen's callbacks: the series recorder, the course's
/// printout, early stopping and checkpoints are observers. Returning true stops training.
class NNLAB_EXPORT TrainObserver {
public:
  virtual ~TrainObserver();
  /// Each iteration's stats, before its update; true stops training there (the update
  /// of that iteration is not made).
  virtual bool on_iteration(const IterationStats& stats) = 0;
  /// Optional (ensmallen's StepTaken): called after iteration `iteration`'s update, with
  /// the updated parameters and the optimizer's new state; true stops training there.
  /// The default does nothing and returns false.
  virtual bool after_step(arma::uword iteration, const Mlp& mlp, const Optimizer& optimizer);
};

/// Passes each call to every observer added, in order; stops when any asks to.
class NNLAB_EXPORT ObserverList final : public TrainObserver {
public:
  void add(TrainObserver& observer) { observers_.push_back(&observer); }
  bool on_iteration(const IterationStats& stats) override;
  bool after_step(arma::uword iteration, const Mlp& mlp, const Optimizer& optimizer) override;

private:
  std::vector<TrainObserver*> observers_;
};

} // namespace nnlab
