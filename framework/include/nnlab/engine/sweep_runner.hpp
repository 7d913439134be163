#pragma once

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <vector>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab {

struct SweepOptions {
  std::filesystem::path results_dir = "results"; ///< the experiment goes in <this>/<name>/
  bool force = false;                            ///< rerun runs already complete in the store
  bool plots = true;
  bool verbose = false; ///< the course's per-iteration lines for each run
  bool quiet = false;   ///< no per-run lines and no summary table
};

struct SweepResult {
  std::filesystem::path experiment_dir, store_file, plot_dir, summary_file;
  std::size_t runs = 0, trained = 0, skipped = 0, diverged = 0, failed = 0;
  std::vector<std::filesystem::path> plots;
  double wall_time_s = 0.0;
};

/// The data path of `runner EXP.yaml`: builds every run (all checks before training),
/// trains the runs not yet complete in <results>/<name>/runs.h5 and stores each as it
/// finishes, then writes plots/, summary.csv and prints a summary table to `out`.
NNLAB_EXPORT SweepResult run_sweep(const Experiment& experiment, const std::vector<RunSpec>& specs,
                                   Registry& registry, const SweepOptions& options,
                                   std::ostream& out);

} // namespace nnlab
