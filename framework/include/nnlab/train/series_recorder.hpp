#pragma once

#include <armadillo>

#include "nnlab/export.hpp"
#include "nnlab/train/observer.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

/// Records every series of stored_series() at every iteration into a RunSeries sized up
/// front (the validation series only for a run with a validation set; else they stay
/// empty); take() trims it to the iterations actually done.
class NNLAB_EXPORT SeriesRecorder final : public TrainObserver {
public:
  explicit SeriesRecorder(arma::uword capacity, bool validation = false);
  bool on_iteration(const IterationStats& stats) override;
  /// Number of iterations recorded so far.
  arma::uword size() const { return n_; }
  /// Copies of the iterations recorded so far (for checkpoints).
  RunSeries recorded() const;
  /// Starts over from a resumed run's first iterations (a checkpoint's series), recorded
  /// as if seen; throws std::invalid_argument if they differ in length or overflow, or
  /// hold validation series where the run has no validation set (or the reverse).
  void restore(const RunSeries& prefix);
  /// The series, trimmed to the iterations recorded.
  RunSeries take();

private:
  bool records(const SeriesSpec& series) const { return validation_ || !series.validation; }

  RunSeries series_;
  bool validation_ = false;
  arma::uword capacity_ = 0, n_ = 0;
};

} // namespace nnlab
