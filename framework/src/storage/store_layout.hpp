#pragma once

// Internal to the storage module (not installed, not exported): the layout of a store file,
// as documented in run_store.hpp: its root, checked on open, and one run group. Used by
// run_store.cpp and run_image.cpp, over the generic HDF5 helpers of io/hdf5_io.hpp.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include <H5Cpp.h>

#include "nnlab/storage/run_header.hpp"
#include "nnlab/storage/run_overview.hpp"
#include "nnlab/storage/run_record.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab::hdf5 {

/// The format this nnlab writes (root attribute format_version): store_format_version.
constexpr std::int64_t format_version = store_format_version;

/// The metadata cache of a store file open to read or to publish (hdf5::limit_metadata_cache):
/// it must hold the /runs group's index and names, which every run's lookup reads.
constexpr std::size_t store_cache_bytes = 4u << 20;

/// Opens a store file (runs.h5, or a journal file) read-only once checked that this nnlab can
/// read it: StorageError "<file>: cannot open: no such file", "<file>: not an nnlab store
/// (why)", "<file>: written by a newer nnlab (...)". Call inside guarded().
H5::H5File open_store_file(const std::filesystem::path& file);
/// The root attribute format_version of a file open_store_file() opened.
std::int64_t read_format_version(const H5::H5File& h5);

/// Writes the record as runs/<id>, replacing a run of that id.
void write_run_group(const H5::Group& runs, const RunRecord& record);
/// Reads runs/<id>, all of it or what `content` says; BadLayout when it misses a part or
/// has a bad status. Parts added after the first format (attributes start_time, end_time,
/// best_iteration, init_fingerprint, restored_iteration, inputs, libraries; datasets
/// class_names, feature_names, and the validation series; groups scaler, evaluation) may
/// be absent: they read as empty, 0 or unset.
RunRecord read_run_group(const H5::Group& runs, const std::string& id,
                         RunContent content = RunContent::whole);
/// Reads what a RunOverview holds of runs/<id>: its attributes, the evaluation's scalars,
/// and of each series its length and the one or two values its ends need.
RunOverview read_run_overview(const H5::Group& runs, const std::string& id);
/// Reads the attributes of runs/<id> that a RunHeader holds, none of its datasets; `parsed`
/// keeps the hash lists already read (the runs of a sweep share them).
RunHeader read_run_header(const H5::Group& runs, const std::string& id,
                          std::map<std::string, HashList>& parsed);

/// The optional parts of a run group, absent from runs that have none and from older
/// stores (which read as empty): snapshots/ (snapshot_layout.cpp) and evaluation/
/// (evaluation_layout.cpp).
void write_snapshots(const H5::Group& run, const RunRecord& record);
RunSnapshots read_snapshots(const H5::Group& run);
void write_evaluation(const H5::Group& run, const Evaluation& evaluation);
/// With `arrays` false, only the scalars: finals and each split's accuracy, f1_score,
/// roc_auc and average_precision.
Evaluation read_evaluation(const H5::Group& run, bool arrays = true);

} // namespace nnlab::hdf5
