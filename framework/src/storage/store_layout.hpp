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
#include "nnlab/storage/run_record.hpp"

namespace nnlab::hdf5 {

/// The format this nnlab writes (root attribute format_version).
constexpr std::int64_t format_version = 1;

/// Opens a store file (runs.h5, or a journal file) read-only once checked that this nnlab can
/// read it: StorageError "<file>: cannot open: no such file", "<file>: not an nnlab store
/// (why)", "<file>: written by a newer nnlab (...)". Call inside guarded().
H5::H5File open_store_file(const std::filesystem::path& file);

/// Writes the record as runs/<id>, replacing a run of that id.
void write_run_group(const H5::Group& runs, const RunRecord& record);
/// Reads runs/<id>; BadLayout when it misses a part or has a bad status. Parts added after
/// the first format (attributes start_time, end_time, best_iteration, inputs, libraries;
/// datasets class_names, feature_names) may be absent: they read as empty or 0.
RunRecord read_run_group(const H5::Group& runs, const std::string& id);
/// Reads the attributes of runs/<id> that a RunHeader holds, none of its datasets; `parsed`
/// keeps the hash lists already read (the runs of a sweep share them).
RunHeader read_run_header(const H5::Group& runs, const std::string& id,
                          std::map<std::string, HashList>& parsed);

} // namespace nnlab::hdf5
