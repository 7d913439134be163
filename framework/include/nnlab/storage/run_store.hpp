#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// Root attributes of a store.
struct StoreHeader {
  std::string experiment_yaml; ///< the experiment file as written
  std::string nnlab_version;
  std::string created; ///< ISO 8601 UTC, when the store was first written
  /// More root attributes, written as UTF-8 strings and rewritten at every open:
  /// provenance such as command_line, git_commit, compiler, host, library versions,
  /// the experiment seed and folder, the plugins used with their SHA-256.
  std::vector<std::pair<std::string, std::string>> attributes;
};

/// An experiment's runs in one HDF5 file (results/<name>/runs.h5):
///   /            attributes experiment_yaml, nnlab_version, created (UTF-8 strings),
///                format_version (integer, 1)
///   /runs/<id>/  attributes config, seed, status, message, wall_time_s, iterations, label,
///                index; datasets cost_train, cost_test, accuracy_train, accuracy_test
///                (float64, one per iteration) and weights/W1, weights/b1, ... (float64,
///                row-major: h5py's W1[r, c] is W1(r, c), W1.shape is (units_1, n_inputs))
/// A run is written whole under /runs/.tmp-<id> and then renamed, so a run group that
/// exists is complete; leftover .tmp- groups are ignored, and removed by open().
/// One writer at a time (HDF5 serialises anyway). Errors are StorageErrors
/// "<file>: <operation>: <reason>".
class NNLAB_EXPORT RunStore {
public:
  /// Opens the store to add runs, creating it (and its folder) when absent; a new store
  /// takes header.created, or the current time when that is empty. An existing store keeps
  /// its runs and `created`; its experiment_yaml and nnlab_version are updated. Throws
  /// StorageError naming the file when it cannot be created or is not a readable nnlab
  /// store ("not an nnlab store (...)", "written by a newer nnlab (...)"); a refused file
  /// is left untouched.
  static RunStore open(const std::filesystem::path& file, const StoreHeader& header);
  /// Opens an existing store read-only ("<file>: cannot open: no such file" if absent).
  static RunStore open_read_only(const std::filesystem::path& file);

  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;
  ~RunStore();

  const std::filesystem::path& file() const;
  StoreHeader header() const;
  /// Ids of every run stored, sorted.
  std::vector<std::string> run_ids() const;
  /// Ids of the runs that need no rerun (done or diverged; not failed).
  std::set<std::string> completed_run_ids() const;
  /// Writes (or replaces) the run and flushes the file. The id must be non-empty, not
  /// start with '.' and not contain '/'.
  void write_run(const RunRecord& record);
  /// The run as written; StorageError "<file>: no run '<id>'" when absent.
  RunRecord read_run(const std::string& id) const;

private:
  struct Impl;
  explicit RunStore(std::unique_ptr<Impl> impl);
  Impl& self() const; // throws when moved from
  std::unique_ptr<Impl> impl_;
};

} // namespace nnlab
