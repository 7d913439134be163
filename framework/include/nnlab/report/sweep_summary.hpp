#pragma once

#include <armadillo>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/stored_runs.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// What the summary needs of a run: its identity and final values (no series, no
/// weights), so a summary of thousands of runs stays small.
struct RunSummary {
  std::string id, label, message;
  std::size_t index = 0;
  std::uint64_t seed = 0;
  RunStatus status = RunStatus::done;
  arma::uword iterations = 0, best_iteration = 0;
  double cost_train = 0, cost_test = 0, accuracy_train = 0, accuracy_test = 0;
  double wall_time_s = 0;
  /// NaN for a run without a validation set.
  double cost_valid = arma::datum::nan, accuracy_valid = arma::datum::nan;
  bool has_results = true; ///< has_results(): false leaves it out of tables and plots
  /// The test split's F1 and ROC AUC from the run's evaluation (NaN when it has none,
  /// and the AUC for more than two classes).
  double f1_test = arma::datum::nan, auc_test = arma::datum::nan;
};

/// The run's summary, its final values from its series' ends (kept without the series).
NNLAB_EXPORT RunSummary summarize(const StoredRun& run);

/// A CSV field: as is, or quoted (with "" for ") when it holds a comma, quote or newline.
NNLAB_EXPORT std::string csv_field(const std::string& text);

/// Per sweep point (runs grouped by label, in sweep order): runs, diverged/failed, the
/// median final validation cost (when some run has a validation set), the median final
/// test cost, and min / median / max final test accuracy with the number of runs that
/// reached `good_accuracy`; then the best runs by final validation cost when some run has
/// a validation set (the test set is then only reported), else by final test cost. Runs
/// without results are left out of both and listed after them with their message.
NNLAB_EXPORT void print_summary(const std::vector<RunSummary>& runs, std::ostream& out,
                                double good_accuracy = 0.95, std::size_t best = 5);

/// One row per run (runs without results too, their final values empty): run_id, index,
/// label, seed, status, iterations, best_iteration, final train/test cost and accuracy,
/// final validation cost and accuracy (empty without a validation set), f1_test and
/// auc_test (empty when not known), wall time, message.
NNLAB_EXPORT void write_summary_csv(const std::vector<RunSummary>& runs,
                                    const std::filesystem::path& file);

} // namespace nnlab
