#pragma once

// Internal to the storage module (not installed, not exported): the root of a store file,
// its header attributes as documented in run_store.hpp, read, written and checked.

#include <cstdint>
#include <filesystem>
#include <string>

#include <H5Cpp.h>

#include "nnlab/storage/run_store.hpp"

namespace nnlab::hdf5 {

/// Whether `name` is a root attribute the store writes itself (created, experiment_yaml,
/// format_version, nnlab_version), which StoreHeader::attributes may not name.
bool is_reserved_attribute(const std::string& name);

/// The root attributes of a store file: the reserved ones and every other string attribute.
StoreHeader read_header(const H5::H5File& h5);

/// Writes the whole header: string attributes that are not in it any more are dropped.
void write_header(const H5::H5File& h5, const StoreHeader& header);

/// A store of an older format is read, never written to: its runs come from other random
/// streams, and mixing them with new ones would make a store whose runs do not compare.
/// Throws StorageError "<file>: holds runs of store format N ..." when `version` is older
/// than format_version.
void refuse_older_format(const std::filesystem::path& file, std::int64_t version,
                         const std::string& written_by);

} // namespace nnlab::hdf5
