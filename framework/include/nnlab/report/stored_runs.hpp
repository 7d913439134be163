#pragma once

#include <armadillo>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/config_leaves.hpp"
#include "nnlab/storage/final_value.hpp"
#include "nnlab/storage/run_overview.hpp"
#include "nnlab/storage/run_record.hpp"
#include "nnlab/storage/run_store.hpp"
#include "nnlab/train/series.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// How much of a stored run to read and keep. Identity, status, the config's key paths,
/// the evaluation's scalars and the end of every series are always kept, so a store of
/// 100,000 runs can be grouped and ranked by final values without reading or holding
/// their series or parsed configs.
enum class RunParts {
  overview, ///< no series values, no parsed config (its leaves only) (RunOverview)
  series,   ///< the series and the parsed config (RunContent::series): no weights,
            ///< snapshots, class or feature names, scaler or evaluation arrays
  weights,  ///< everything stored
};

/// A stored run with its resolved config parsed, as the report reads it.
struct NNLAB_EXPORT StoredRun {
  /// Notes the end of each of record's series (ends) and the config's key paths (leaves),
  /// then keeps what `parts` says.
  StoredRun(RunRecord record, ConfigNode config, RunParts parts = RunParts::weights);
  /// A run read as an overview (RunParts::overview): its config's leaves from `config`,
  /// then the config and its text dropped.
  StoredRun(RunOverview overview, const ConfigNode& config);

  RunRecord record; ///< series and weights as RunParts kept them
  /// The parsed config; null with RunParts::overview, whose runs keep only `leaves`.
  ConfigNode config;
  ConfigLeaves leaves;         ///< the config's key paths and values, always kept
  std::vector<SeriesEnd> ends; ///< one per row of stored_series(), in its order
  /// The test split's headline F1 and ROC AUC (NaN when not evaluated), always kept: an
  /// overview keeps no record.evaluation (its arrays alone take kilobytes per run).
  double test_f1 = std::numeric_limits<double>::quiet_NaN();
  double test_roc_auc = std::numeric_limits<double>::quiet_NaN();
  /// The format_version of the store it was read from (1: never paired; pairing.hpp).
  std::int64_t format_version = store_format_version;
};

/// The run `id` of `store`, its config parsed (errors name <file>:/runs/<id>/config).
NNLAB_EXPORT StoredRun read_stored_run(const RunStore& store, const std::string& id,
                                       RunParts parts);

/// Every run of the store (read-only), one at a time, sorted by sweep index. Throws
/// StorageError when the store cannot be read.
NNLAB_EXPORT std::vector<StoredRun> load_runs(const std::string& store_file,
                                              RunParts parts = RunParts::series);

/// The series `metric` of a run (empty when the run did not store it, or it was not kept).
/// Throws ConfigError for a name not in stored_series() (series_named()).
NNLAB_EXPORT const arma::vec& series_of(const RunRecord& record, const std::string& metric);
/// The end of the run's series `metric` (kept whatever RunParts).
NNLAB_EXPORT const SeriesEnd& series_end(const StoredRun& run, const std::string& metric);
/// The final value of a run's metric, the stored network's (storage/final_value.hpp),
/// noted when the run was read (kept whatever RunParts).
NNLAB_EXPORT double final_value(const StoredRun& run, const std::string& metric);
/// Whether some run stored a non-empty series `metric`.
NNLAB_EXPORT bool stores_series(const std::vector<StoredRun>& runs, const std::string& metric);
/// The series compared when none is asked for: cost_valid when some run has a validation
/// set (the test set is then only reported), else cost_test, else cost_train.
NNLAB_EXPORT std::string default_metric(const std::vector<StoredRun>& runs);
/// Throws ConfigError "<store>: metric 'm' is not stored; stored: a, b" unless some run
/// has a non-empty series `metric`.
NNLAB_EXPORT void require_metric(const std::vector<StoredRun>& runs, const std::string& store,
                                 const std::string& metric);

/// Which rows of stored_series() some of `runs` has values of.
NNLAB_EXPORT std::vector<bool> series_stored(const std::vector<StoredRun>& runs);

/// Whether a run did at least one iteration (some series has values). A run that failed
/// (or diverged) before its first iteration has none.
NNLAB_EXPORT bool has_results(const StoredRun& run);

/// Whether a run has something to plot, summarise or compare among runs that store the
/// series `stored` (series_stored()): it did at least one iteration and has values in each
/// of them. (A validation series, cost_valid or accuracy_valid, is stored only by a run
/// with a validation set: its absence is no gap.)
NNLAB_EXPORT bool has_results(const StoredRun& run, const std::vector<bool>& stored);

/// How a run without results is listed: "run 2 (<id>, <label> seed=1): failed:
/// building the network: out of memory (std::bad_alloc)".
NNLAB_EXPORT std::string left_out_line(const RunRecord& record);

/// The runs of one store with what its header says about them.
struct StoredExperiment {
  std::filesystem::path store; ///< its runs.h5
  std::string name;            ///< for titles: the store's folder name
  /// The runs with results (has_results() against the store's series), in sweep order: every plot,
  /// table and comparison reads these.
  std::vector<StoredRun> runs;
  /// The runs without results, in sweep order: left out of every plot, table and
  /// comparison, and listed with their message (left_out_line()).
  std::vector<StoredRun> without_results;
  std::filesystem::path exp_dir; ///< experiment_dir attribute (where relative paths resolve)
  std::uint64_t exp_seed = 0;    ///< experiment_seed attribute
  std::string yaml;              ///< the experiment file as written (the store's header)
  /// The store's format_version (1: runs of the unpaired streams, never paired; pairing.hpp).
  std::int64_t format_version = store_format_version;
};

/// Reads a store's header and its runs `ids`, in the order given (every run, in sweep
/// order, when empty), one at a time, keeping `parts` of each; runs without results go to
/// `without_results` (overview parts only). A missing file throws ConfigError
/// "<file>: cannot open: no such file" (bad input: nothing drawn); a run not stored, StorageError.
NNLAB_EXPORT StoredExperiment load_experiment_store(const std::filesystem::path& store,
                                                    RunParts parts,
                                                    const std::vector<std::string>& ids = {});

} // namespace nnlab
