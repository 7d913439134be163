#pragma once

#include <armadillo>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "nnlab/yaml/config_node.hpp"
#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"
#include "nnlab/storage/run_store.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

/// What is left of a stored series when its values are not kept: its length and last value.
struct SeriesEnd {
  arma::uword length = 0;
  double last = std::numeric_limits<double>::quiet_NaN(); ///< NaN when empty
};

/// How much of a stored run to keep in memory. Identity, status, config, evaluation and the
/// end of every series are always kept, so a store of many thousands of runs can be grouped and
/// ranked by final values without holding their series.
enum class RunParts {
  overview, ///< no series, no weights
  series,   ///< the series, no weights
  weights,  ///< everything (weights and snapshots)
};

/// A stored run with its resolved config parsed, as the report reads it.
struct NNLAB_EXPORT StoredRun {
  /// Notes the end of each of record's series (ends), then keeps what `parts` says.
  StoredRun(RunRecord record, ConfigNode config, RunParts parts = RunParts::weights);

  RunRecord record; ///< series and weights as RunParts kept them
  ConfigNode config;
  std::vector<SeriesEnd> ends; ///< one per row of stored_series(), in its order
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
/// The last value of a run's series `metric` (NaN when empty).
NNLAB_EXPORT double final_value(const StoredRun& run, const std::string& metric);
/// Whether some run stored a non-empty series `metric`.
NNLAB_EXPORT bool stores_series(const std::vector<StoredRun>& runs, const std::string& metric);
/// Throws ConfigError "<store>: metric 'm' is not stored; stored: a, b" unless some run
/// has a non-empty series `metric`.
NNLAB_EXPORT void require_metric(const std::vector<StoredRun>& runs, const std::string& store,
                                 const std::string& metric);

/// The runs of one store with what its header says about them.
struct StoredExperiment {
  std::filesystem::path store;   ///< its runs.h5
  std::string name;              ///< for titles: the store's folder name
  std::vector<StoredRun> runs;   ///< in sweep order
  std::filesystem::path exp_dir; ///< experiment_dir attribute (where relative paths resolve)
  std::uint64_t exp_seed = 0;    ///< experiment_seed attribute
  std::string yaml;              ///< the experiment file as written (the store's header)
};

/// Reads a store's header and its runs `ids`, in the order given (every run, in sweep
/// order, when empty), one at a time, keeping `parts` of each. A missing file throws ConfigError
/// "<file>: cannot open: no such file" (bad input: nothing drawn); a run not stored, StorageError.
NNLAB_EXPORT StoredExperiment load_experiment_store(const std::filesystem::path& store,
                                                    RunParts parts,
                                                    const std::vector<std::string>& ids = {});

} // namespace nnlab
