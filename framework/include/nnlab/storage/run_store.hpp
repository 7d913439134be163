#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_header.hpp"
#include "nnlab/storage/run_overview.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// The store format this nnlab writes (root attribute format_version). Format 2 holds
/// runs of the paired random streams (config/run_streams.hpp) with their init_fingerprint;
/// format 1 (nnlab before them) is read but never written to.
inline constexpr std::int64_t store_format_version = 2;

/// Root attributes of a store.
struct StoreHeader {
  std::string experiment_yaml; ///< the experiment file as written
  std::string nnlab_version;
  std::string created; ///< ISO 8601 UTC, when the store was first written
  /// More root attributes, written as UTF-8 strings and rewritten at every open:
  /// provenance such as command_line, git_commit, compiler, host, library versions,
  /// the experiment seed and folder, the plugins used with their SHA-256.
  std::vector<std::pair<std::string, std::string>> attributes;

  /// The value of the attribute `name`, or empty when there is none.
  std::string attribute(const std::string& name) const {
    for (const auto& [key, value] : attributes)
      if (key == name) return value;
    return {};
  }
};

/// What RunStore::read_run() reads of a run.
enum class RunContent {
  whole,  ///< everything stored
  series, ///< its attributes, series and the evaluation's scalars (as RunOverview lists
          ///< them), for tables and plots of many runs: not its weights, snapshots,
          ///< class and feature names, scaler, inputs, libraries or evaluation arrays
};

/// An experiment's runs in one HDF5 file (results/<name>/runs.h5):
///   /            attributes experiment_yaml, nnlab_version, created (UTF-8 strings),
///                format_version (integer, 2), and StoreHeader::attributes (UTF-8 strings)
///   /runs/<id>/  attributes config, seed, status, message, wall_time_s, start_time,
///                end_time, iterations, best_iteration, init_fingerprint (16 hex digits),
///                restored_iteration (RunRecord), label, index, precision ("float64" or
///                "float32"; absent in older stores: float64), and inputs and libraries
///                (YAML maps of name: sha256, RunRecord); datasets cost_train,
///                cost_test, accuracy_train, accuracy_test and, for a run with a
///                validation set only, cost_valid, accuracy_valid (float64, one per
///                iteration: the rows of train/series.hpp),
///                weights/W1, weights/b1, ... (float64, row-major: h5py's W1[r, c] is
///                W1(r, c), W1.shape is (units_1, n_inputs)), and class_names,
///                feature_names (1-D, UTF-8 variable-length strings: output c is class
///                class_names[c], input i is feature_names[i]; absent in older stores), and
///                scaler/mean, scaler/scale (float64, one per feature: the standardisation
///                (x - mean) / scale the dataset applied; absent when it applied none)
/// Crash safety: runs.h5 is never written in place (HDF5 1.10 can lose a whole file to a
/// kill mid-write), so on disk it is always a complete, closed file.
/// - write_run() writes the run as a one-run file in the same layout to the journal beside
///   the store, runs.h5.journal/<id>.h5 (filled as <id>.h5.tmp, fsynced, renamed). Once it
///   returns, the run survives SIGKILL or a power cut.
/// - publish() merges the journal into runs.h5 copy-on-write: runs.h5 is copied to
///   runs.h5.tmp (a new file when there is none), the journal runs and the header are
///   written into the copy, which is fsynced and renamed over runs.h5; then the merged
///   journal files are deleted. A kill at any step leaves the old or the new runs.h5 plus
///   the journal: no finished run is lost.
/// - open() removes leftover .tmp files and publishes, so the next open repairs a store
///   whose writer was killed. The destructor does not publish (a kill would skip it
///   anyway): the writer calls publish(), and runs not yet published stay in the journal.
/// Readers see runs.h5 plus the journal (a journal run replaces a published one of the
/// same id). One writer at a time: open() takes a lock that dies with its process.
/// Errors are StorageErrors "<file>: <operation>: <reason>".
class NNLAB_EXPORT RunStore {
public:
  /// Opens the store to add runs, creating it (and its folder) when absent; a new store
  /// takes header.created, or the current time when that is empty. An existing store keeps
  /// its runs and `created`; its experiment_yaml, nnlab_version and attributes are replaced
  /// by the header's, and a pending journal is published. Throws StorageError naming the
  /// file when it cannot be created, is not a readable nnlab store ("not an nnlab store
  /// (...)", "written by a newer nnlab (...)"), is of an older format ("holds runs of
  /// store format 1 ..."; it is never written to), another writer has it open, or a
  /// journal file is damaged or of an older format (naming it: it can be deleted); a
  /// refused file is left untouched.
  static RunStore open(const std::filesystem::path& file, const StoreHeader& header);
  /// Opens an existing store read-only ("<file>: cannot open: no such file" if absent);
  /// it never modifies anything, and sees the journal too.
  static RunStore open_read_only(const std::filesystem::path& file);

  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;
  ~RunStore();

  const std::filesystem::path& file() const;
  /// The root attributes; `attributes` holds every other string attribute, by name.
  StoreHeader header() const;
  /// The store's format_version: 1 for a store of nnlab before paired runs (read-only),
  /// store_format_version for one this nnlab writes.
  std::int64_t format_version() const;
  /// Ids of every run stored, sorted.
  std::vector<std::string> run_ids() const;
  /// Ids of the runs that need no rerun (done or diverged; not failed).
  std::set<std::string> completed_run_ids() const;
  /// Every run's header (status, message, inputs, libraries), sorted by id: attributes
  /// only, so it stays fast on a store of many runs.
  std::vector<RunHeader> run_headers() const;
  /// Sets the root attribute `name` (not a reserved one) and publishes at once, atomically
  /// as publish() does, pending runs included: for a value the store must keep even if the
  /// writer is killed next (what a library's re-execution found). Like every attribute it
  /// is replaced by the header given to the next open(), which must carry it on.
  void set_attribute(const std::string& name, const std::string& value);
  /// Writes (or replaces) the run durably, to the journal. The id must be non-empty, not
  /// start with '.' and not contain '/'.
  void write_run(const RunRecord& record);
  /// Merges the runs written since the last publish into runs.h5, atomically; nothing to do
  /// when there are none. Its cost grows with the store (it copies runs.h5).
  void publish();
  /// The run as written, whole or what `content` says; StorageError "<file>: no run
  /// '<id>'" when absent.
  RunRecord read_run(const std::string& id, RunContent content = RunContent::whole) const;
  /// What an overview of the store needs of the run (RunOverview), read from a few
  /// attributes and one or two values of each series; errors as read_run().
  RunOverview read_run_overview(const std::string& id) const;

private:
  struct Impl;
  explicit RunStore(std::unique_ptr<Impl> impl);
  Impl& self() const; // throws when moved from
  std::unique_ptr<Impl> impl_;
};

} // namespace nnlab
