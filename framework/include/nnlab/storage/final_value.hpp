#pragma once

#include <string_view>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// The final value of a run's metric (a series name: cost_test, accuracy_valid, ...): the
/// value of the network the run stores. Every place that reports a final value (the
/// progress line, summary.csv and the summary table, the report, best-run rankings,
/// comparisons and statistics) goes through here.
///
/// A series value is measured in an iteration's forward pass, before that iteration's
/// update, while the weights are stored after the last update (or restored to the best
/// iteration's with early_stopping.restore_best). So the final value is the evaluation's
/// (Evaluation::finals: the stored weights measured once after training, what `runner
/// predict` gives on the same data); in a store written before those, the series' value at
/// restored_iteration when the weights were restored to it (measured on exactly those
/// weights), else the series' last value. NaN when the run has none of these.
NNLAB_EXPORT double final_value(const RunRecord& record, std::string_view metric);

} // namespace nnlab
