#include "nnlab/train/observer.hpp"

namespace nnlab {

TrainObserver::~TrainObserver() = default;

bool ObserverList::on_iteration(const IterationStats& stats) {
  bool stop = false;
  for (auto* observer : observers_)
    stop = observer->on_iteration(stats) || stop;
  return stop;
}

} // namespace nnlab
