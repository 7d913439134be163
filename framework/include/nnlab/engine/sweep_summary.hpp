#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// Per sweep point (runs grouped by label, in sweep order): runs, diverged/failed, the
/// median final test cost, and min / median / max final test accuracy with the number of
/// runs that reached `good_accuracy`: how fast and how reliably, in one table.
NNLAB_EXPORT void print_summary(const std::vector<RunRecord>& records, std::ostream& out,
                                double good_accuracy = 0.95);

/// One row per run: run_id, index, label, seed, status, iterations, final train/test
/// cost and accuracy, wall time, message.
NNLAB_EXPORT void write_summary_csv(const std::vector<RunRecord>& records,
                                    const std::filesystem::path& file);

} // namespace nnlab
