#pragma once

#include <armadillo>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/train/observer.hpp"

namespace nnlab {

/// The series of a run, one value per iteration (the store's datasets of the same names).
/// The validation series are empty when the run has no validation set.
struct RunSeries {
  arma::vec cost_train, cost_test, accuracy_train, accuracy_test;
  arma::vec cost_valid{}, accuracy_valid{}; // {}: RunSeries{train, test, ...} stays complete
};

/// One series a run stores, everything nnlab knows about it in one row.
struct SeriesSpec {
  const char* name;                 ///< the store's dataset, the YAML `monitor` and --metric word
  double IterationStats::*measured; ///< where the trainer puts an iteration's value
  arma::vec RunSeries::*recorded;   ///< where a run keeps its values
  bool lower_is_better;             ///< a cost (true) or an accuracy (false)
  bool monitorable;                 ///< early stopping and the adaptive lr schedule may watch it
  /// Measured on the validation set: recorded and stored only by a run that has one (a
  /// run without stores no such dataset, and readers take its absence for empty).
  bool validation;
};

/// The stored series, in the order the store writes them: the table in series.cpp, one
/// row per series. The recorder, the store, checkpoints, `runner verify` and `runner diff`,
/// early stopping and the adaptive schedule (`monitor`), run grouping, the plots and
/// `--metric` all read it: a new series is a field in IterationStats and in RunSeries
/// (what the trainer measures) and one row there. (A function, so the library and its
/// users share the one table.) A series of a run is either empty or one value per
/// iteration done; the validation rows are empty for a run without a validation set.
NNLAB_EXPORT std::span<const SeriesSpec> stored_series();

/// The row named `name`, or nullptr.
NNLAB_EXPORT const SeriesSpec* find_series(std::string_view name);

/// The row named `name`. Throws ConfigError "metric 'NAME': unknown; known: cost_train,
/// cost_test, ..." for any other name.
NNLAB_EXPORT const SeriesSpec& series_named(std::string_view name);

/// The names of the rows, in table order.
NNLAB_EXPORT const std::vector<std::string>& series_names();

/// How axis labels and titles name a series: "cost_test" -> "test cost".
NNLAB_EXPORT std::string series_title(std::string_view name);

} // namespace nnlab
