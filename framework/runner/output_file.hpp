#pragma once

#include <filesystem>
#include <string_view>

namespace nnlab::runner {

/// Checks, before any work, that `file` can be created where it is asked for: ConfigError
/// "<file>: cannot write: no folder <folder>" (or "... <folder> is not a folder") otherwise.
void check_output_folder(const std::filesystem::path& file);

/// Writes `bytes` to `file` whole or not at all: to <file>.tmp beside it, renamed over
/// `file` once written. StorageError "<file>: cannot write: <reason>" (the .tmp removed)
/// when the folder is missing, the disk full, or the file cannot be replaced.
void write_output_file(const std::filesystem::path& file, std::string_view bytes);

} // namespace nnlab::runner
