#include "nnlab/train/series_recorder.hpp"

namespace nnlab {

SeriesRecorder::SeriesRecorder(arma::uword capacity) {
  for (auto* series :
       {&series_.cost_train, &series_.cost_test, &series_.accuracy_train, &series_.accuracy_test})
    series->zeros(capacity);
}

bool SeriesRecorder::on_iteration(const IterationStats& stats) {
  if (n_ < series_.cost_train.n_elem) {
    series_.cost_train[n_] = stats.cost_train;
    series_.cost_test[n_] = stats.cost_test;
    series_.accuracy_train[n_] = stats.accuracy_train;
    series_.accuracy_test[n_] = stats.accuracy_test;
    ++n_;
  }
  return false;
}

RunSeries SeriesRecorder::take() {
  for (auto* series :
       {&series_.cost_train, &series_.cost_test, &series_.accuracy_train, &series_.accuracy_test})
    series->resize(n_);
  return std::move(series_);
}

} // namespace nnlab
