#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "nnlab/engine/prepared_run.hpp"
#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// Renders an experiment's plots into `dir` from its runs' records (records[i] belongs to
/// runs[i]): per run cost-<id>.png and, for 2-D data, decision-<id>.png; per experiment
/// sweep-cost_test.png and sweep-accuracy_test.png (one colour per sweep point, one line
/// per seed). Each PNG has its .gp script and .dat data beside it. Returns the PNGs.
NNLAB_EXPORT std::vector<std::filesystem::path>
plot_experiment(const std::string& name, const std::vector<PreparedRun>& runs,
                const std::vector<RunRecord>& records, const std::filesystem::path& dir);

} // namespace nnlab
