#pragma once

#include <filesystem>

#include "nnlab/export.hpp"

namespace nnlab {

/// The file of the core library this code runs in (libnnlab.so in a build or install):
/// a run's results depend on its code as they do on a plugin's, so its SHA-256 is recorded.
NNLAB_EXPORT std::filesystem::path core_library_file();

} // namespace nnlab
