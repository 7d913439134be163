#include "output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "nnlab/core/error.hpp"

namespace nnlab::runner {

void check_output_folder(const std::filesystem::path& file) {
  const std::filesystem::path folder = file.parent_path();
  if (folder.empty()) return;
  std::error_code ec;
  const auto status = std::filesystem::status(folder, ec);
  if (status.type() == std::filesystem::file_type::not_found)
    throw ConfigError(file.string() + ": cannot write: no folder " + folder.string());
  if (!std::filesystem::is_directory(status))
    throw ConfigError(file.string() + ": cannot write: " + folder.string() + " is not a folder");
}

void write_output_file(const std::filesystem::path& file, std::string_view bytes) {
  const std::filesystem::path tmp = file.string() + ".tmp";
  const auto fail = [&](int error) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw StorageError(file.string() + ": cannot write: " + std::strerror(error));
  };
  std::FILE* out = std::fopen(tmp.c_str(), "wb");
  if (!out) fail(errno);
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size();
  const int write_error = errno;
  if (std::fclose(out) != 0 || !written) fail(written ? errno : write_error);
  if (std::rename(tmp.c_str(), file.c_str()) != 0) fail(errno);
}

} // namespace nnlab::runner
