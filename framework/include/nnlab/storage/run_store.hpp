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
  std::string created;         ///< ISO 8601 UTC, when the store was first written
};

/// An experiment's runs in one HDF5 file (results/<name>/runs.h5):
///   /            attributes experiment_yaml, nnlab_version, created, format_version
///   /runs/<id>/  attributes config, seed, status, message, wall_time_s, iterations, label,
///                index; datasets cost_train, cost_test, accuracy_train, accuracy_test
///                (float64, one per iteration) and weights/W1, weights/b1, ...
/// A run is written whole under a temporary name and then renamed, so a run group that
/// exists is complete. One writer at a time (HDF5 serialises anyway).
class NNLAB_EXPORT RunStore {
public:
  /// Opens the store to add runs, creating it (and its folder) when absent. An existing
  /// store keeps its runs; its experiment_yaml is updated. Throws StorageError naming the
  /// file when it cannot be created or is not a readable nnlab store.
  static RunStore open(const std::filesystem::path& file, const StoreHeader& header);
  /// Opens an existing store read-only.
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
  /// Writes (or replaces) the run and flushes the file.
  void write_run(const RunRecord& record);
  RunRecord read_run(const std::string& id) const;

private:
  struct Impl;
  explicit RunStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace nnlab
