#pragma once

// Internal to the storage module (not installed, not exported): a run's `inputs` and
// `libraries` attributes, HashLists written as YAML maps ("../data/xor_train.csv: 5f2a...").

#include <map>
#include <string>

#include <H5Cpp.h>

#include "nnlab/storage/run_record.hpp"

namespace nnlab::hdf5 {

/// Writes the list as the UTF-8 string attribute `name`, a YAML map of one "name: sha256" a
/// line (a name quoted where YAML needs it); writes nothing for an empty list.
void write_hash_list(const H5::H5Object& object, const char* name, const HashList& list);

/// The list such an attribute holds; empty when there is none. BadLayout when it is not a
/// YAML map of names to strings. Runs of a sweep share their texts: each distinct text is
/// parsed once through `parsed`.
HashList read_hash_list(const H5::H5Object& object, const char* name,
                        std::map<std::string, HashList>* parsed = nullptr);

} // namespace nnlab::hdf5
