#include "nnlab/train/observer.hpp"

namespace nnlab {

TrainObserver::~TrainObserver() = default;

bool TrainObserver::after_step(arma::uword, const Mlp&, const Optimizer&) {
  return false;
}

// Every observer sees every call, even after one asked to stop, so that the recorder
// keeps the iteration an early stop happened at.
bool ObserverList::on_iteration(const IterationStats& stats) {
  bool stop = false;
  for (auto* observer : observers_)
    stop = observer->on_iteration(stats) || stop;
  return stop;
}

bool ObserverList::after_step(arma::uword iteration, const Mlp& mlp, const Optimizer& optimizer) {
  bool stop = false;
  for (auto* observer : observers_)
    stop = observer->after_step(iteration, mlp, optimizer) || stop;
  return stop;
}

} // namespace nnlab
