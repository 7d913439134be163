#include "nnlab/train/series_recorder.hpp"

#include <stdexcept>
#include <string>

namespace nnlab {

SeriesRecorder::SeriesRecorder(arma::uword capacity, bool validation)
    : validation_(validation), capacity_(capacity) {
  for (const SeriesSpec& series : stored_series())
    if (records(series)) (series_.*series.recorded).zeros(capacity);
}

bool SeriesRecorder::on_iteration(const IterationStats& stats) {
  if (n_ < capacity_) {
    for (const SeriesSpec& series : stored_series())
      if (records(series)) (series_.*series.recorded)[n_] = stats.*series.measured;
    ++n_;
  }
  return false;
}

RunSeries SeriesRecorder::recorded() const {
  RunSeries copy;
  for (const SeriesSpec& series : stored_series())
    if (records(series)) copy.*series.recorded = (series_.*series.recorded).head(n_);
  return copy;
}

void SeriesRecorder::restore(const RunSeries& prefix) {
  const arma::uword n = (prefix.*stored_series()[0].recorded).n_elem;
  bool fits = n <= capacity_;
  for (const SeriesSpec& series : stored_series())
    fits = fits && (prefix.*series.recorded).n_elem == (records(series) ? n : 0);
  if (!fits)
    throw std::invalid_argument("SeriesRecorder::restore(): " + std::to_string(n) +
                                " iterations of unequal length, over the capacity of " +
                                std::to_string(capacity_) + ", or with" +
                                (validation_ ? "out" : "") + " validation series");
  for (const SeriesSpec& series : stored_series())
    if (records(series)) (series_.*series.recorded).head(n) = prefix.*series.recorded;
  n_ = n;
}

RunSeries SeriesRecorder::take() {
  for (const SeriesSpec& series : stored_series())
    if (records(series)) (series_.*series.recorded).resize(n_);
  capacity_ = 0; // the series are gone: record nothing more
  return std::move(series_);
}

} // namespace nnlab
