#pragma once

#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// A run as bytes to send to another process: an in-memory HDF5 file holding /runs/<id> in
/// the store's layout (run_store.hpp), so what arrives is what the store would have read.
NNLAB_EXPORT std::vector<char> run_to_bytes(const RunRecord& record);

/// The run in bytes made by run_to_bytes. Throws StorageError "<what>: ..." naming `what`
/// (e.g. "run from rank 2") when the bytes are not such an image.
NNLAB_EXPORT RunRecord run_from_bytes(std::string_view bytes, const std::string& what);

} // namespace nnlab
