#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "nnlab/export.hpp"

namespace nnlab {

/// SHA-256 of a file's bytes as 64 lower-case hex digits (OpenSSL). Throws StorageError
/// naming the file when it cannot be read.
NNLAB_EXPORT std::string sha256_file(const std::filesystem::path& file);

/// SHA-256 of a text, as 64 lower-case hex digits.
NNLAB_EXPORT std::string sha256_text(std::string_view text);

} // namespace nnlab
