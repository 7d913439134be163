#include "nnlab/train/series_recorder.hpp"

#include <stdexcept>
#include <string>

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

RunSeries SeriesRecorder::recorded() const {
  return {series_.cost_train.head(n_), series_.cost_test.head(n_), series_.accuracy_train.head(n_),
          series_.accuracy_test.head(n_)};
}

void SeriesRecorder::restore(const RunSeries& prefix) {
  const arma::uword n = prefix.cost_train.n_elem;
  if (prefix.cost_test.n_elem != n || prefix.accuracy_train.n_elem != n ||
      prefix.accuracy_test.n_elem != n || n > series_.cost_train.n_elem)
    throw std::invalid_argument("SeriesRecorder::restore(): " + std::to_string(n) +
                                " iterations of unequal length or over the capacity of " +
                                std::to_string(series_.cost_train.n_elem));
  series_.cost_train.head(n) = prefix.cost_train;
  series_.cost_test.head(n) = prefix.cost_test;
  series_.accuracy_train.head(n) = prefix.accuracy_train;
  series_.accuracy_test.head(n) = prefix.accuracy_test;
  n_ = n;
}

RunSeries SeriesRecorder::take() {
  for (auto* series :
       {&series_.cost_train, &series_.cost_test, &series_.accuracy_train, &series_.accuracy_test})
    series->resize(n_);
  return std::move(series_);
}

} // namespace nnlab
