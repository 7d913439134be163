#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace nnlab::test {

/// A fresh folder under the system temp folder, removed with everything in it at scope exit.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// Writes `text` to path()/name and returns the file's path.
  std::filesystem::path write(const std::string& name, std::string_view text) const;

private:
  std::filesystem::path path_;
};

/// The whole content of a file.
std::string read_text(const std::filesystem::path& file);

} // namespace nnlab::test
