#pragma once

#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

/// A run's final value of `series`: the value of the iteration whose weights it stored
/// (restored_iteration, with early_stopping.restore_best), else its last value; NaN when
/// the run stored no value of it.
NNLAB_EXPORT double run_final_value(const RunRecord& record, const SeriesSpec& series);

} // namespace nnlab
