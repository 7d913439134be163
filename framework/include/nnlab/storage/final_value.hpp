#pragma once

#include <functional>
#include <optional>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

/// A run's final value of `series` (cost_test, accuracy_valid, ...): the value of the network
/// the run stores. Every place that reports or ranks by a final value (the progress line,
/// summary.csv and the summary table, the report, best-run rankings, comparisons and
/// statistics, tpe's observations) goes through here.
///
/// A series value is measured in an iteration's forward pass, before that iteration's
/// update, while the weights are stored after the last update (or restored to the best
/// iteration's with early_stopping.restore_best). So the final value is the evaluation's
/// (Evaluation::finals: the stored weights measured once after training, what `runner
/// predict` gives on the same data); for a run without it (a store written before, or a
/// run that did not finish), the value of the iteration whose weights it stored
/// (restored_iteration), else its last value. NaN when the run has none of these.
NNLAB_EXPORT double run_final_value(const RunRecord& record, const SeriesSpec& series);

/// The same rule over what a reader has of one series: the evaluation's value (NaN when
/// none), the series' length, the run's restored_iteration, and `value_at(i)`, its value
/// at the 0-based index i (asked only for the restored iteration's or the last).
NNLAB_EXPORT double final_value(double evaluated, arma::uword length,
                                std::optional<arma::uword> restored_iteration,
                                const std::function<double(arma::uword)>& value_at);

} // namespace nnlab
