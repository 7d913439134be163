#pragma once

#include <armadillo>
#include <utility>

#include "nnlab/export.hpp"
#include "nnlab/train/observer.hpp"

namespace nnlab {

/// The four series of a run, one value per iteration.
struct RunSeries {
  arma::vec cost_train, cost_test, accuracy_train, accuracy_test;
};

/// The four series by name, in the order the store writes them.
inline constexpr std::pair<const char*, arma::vec RunSeries::*> run_series_fields[] = {
    {"cost_train", &RunSeries::cost_train},
    {"cost_test", &RunSeries::cost_test},
    {"accuracy_train", &RunSeries::accuracy_train},
    {"accuracy_test", &RunSeries::accuracy_test}};

/// Records every iteration into a RunSeries sized up front; shrink() trims it to the
/// iterations actually done.
class NNLAB_EXPORT SeriesRecorder final : public TrainObserver {
public:
  explicit SeriesRecorder(arma::uword capacity);
  bool on_iteration(const IterationStats& stats) override;
  /// Number of iterations recorded so far.
  arma::uword size() const { return n_; }
  /// Copies of the iterations recorded so far (for checkpoints).
  RunSeries recorded() const;
  /// Starts over from a resumed run's first iterations (a checkpoint's series), recorded
  /// as if seen; throws std::invalid_argument if they differ in length or overflow.
  void restore(const RunSeries& prefix);
  /// The series, trimmed to the iterations recorded.
  RunSeries take();

private:
  RunSeries series_;
  arma::uword n_ = 0;
};

} // namespace nnlab
