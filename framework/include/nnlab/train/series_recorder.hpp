#pragma once

#include <armadillo>

#include "nnlab/export.hpp"
#include "nnlab/train/observer.hpp"

namespace nnlab {

/// The four series of a run, one value per iteration.
struct RunSeries {
  arma::vec cost_train, cost_test, accuracy_train, accuracy_test;
};

/// Records every iteration into a RunSeries sized up front; shrink() trims it to the
/// iterations actually done.
class NNLAB_EXPORT SeriesRecorder final : public TrainObserver {
public:
  explicit SeriesRecorder(arma::uword capacity);
  bool on_iteration(const IterationStats& stats) override;
  /// The series, trimmed to the iterations recorded.
  RunSeries take();

private:
  RunSeries series_;
  arma::uword n_ = 0;
};

} // namespace nnlab
