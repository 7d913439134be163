#pragma once

#include <armadillo>
#include <limits>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// What is left of a stored series when its values are not read: its length, its last
/// value and the run's final value of it (run_final_value()).
struct SeriesEnd {
  arma::uword length = 0;
  double last = std::numeric_limits<double>::quiet_NaN();      ///< NaN when empty
  double final_net = std::numeric_limits<double>::quiet_NaN(); ///< see run_final_value()
};

/// A run as an overview of a store reads it (RunStore::read_run_overview()): enough to
/// group, rank, count and list runs, read from a few attributes and one or two values of
/// each series, so that a store of 100,000 runs is read in seconds.
struct RunOverview {
  /// Identity, config text, label, status, message, times, iterations, init_fingerprint,
  /// restored_iteration, precision, and the evaluation's scalars (Evaluation::finals and
  /// each split's accuracy, f1_score, roc_auc, average_precision). Not read: the series'
  /// values, weights, snapshots, class and feature names, scaler, the evaluation's arrays,
  /// inputs and libraries.
  RunRecord record;
  std::vector<SeriesEnd> ends; ///< one per row of stored_series(), in its order
};

/// The ends of a record's series (one per row of stored_series()), from its values.
NNLAB_EXPORT std::vector<SeriesEnd> series_ends(const RunRecord& record);

} // namespace nnlab
