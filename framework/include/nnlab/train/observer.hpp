#pragma once

#include <armadillo>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

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
/// printout and early stopping are observers. Returning true stops training.
class NNLAB_EXPORT TrainObserver {
public:
  virtual ~TrainObserver();
  virtual bool on_iteration(const IterationStats& stats) = 0;
};

/// Passes each iteration to every observer added, in order; stops when any asks to.
class NNLAB_EXPORT ObserverList final : public TrainObserver {
public:
  void add(TrainObserver& observer) { observers_.push_back(&observer); }
  bool on_iteration(const IterationStats& stats) override;

private:
  std::vector<TrainObserver*> observers_;
};

} // namespace nnlab
