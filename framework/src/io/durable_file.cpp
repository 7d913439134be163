#include "durable_file.hpp"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include "nnlab/core/error.hpp"

namespace nnlab {
namespace fs = std::filesystem;

namespace {

void sync(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) fail_io(path, "open for fsync", errno);
  const int status = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (status != 0) fail_io(path, "fsync", error);
}

} // namespace

void fail_io(const fs::path& file, const std::string& operation, int error) {
  // error_code's message, unlike std::strerror, is safe with runs on several threads.
  throw StorageError(file.string() + ": " + operation + ": " +
                     std::error_code(error, std::generic_category()).message());
}

void write_file(const fs::path& file, std::span<const char> bytes) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail_io(file, "create", errno);
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      fail_io(file, "write", error);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail_io(file, "write", errno); // NFS reports some errors here
}

void reserve_space(const fs::path& file, std::uintmax_t size) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) fail_io(file, "open to reserve space", errno);
  const int error = ::posix_fallocate(fd, 0, static_cast<off_t>(size)); // returns the error
  ::close(fd);
  if (error != 0) fail_io(file, "reserve " + std::to_string(size) + " bytes", error);
}

void sync_file(const fs::path& file) {
  sync(file, O_RDONLY);
}

void sync_folder(const fs::path& folder) {
  sync(folder.empty() ? fs::path(".") : folder, O_RDONLY | O_DIRECTORY);
}

void commit_file(const fs::path& tmp, const fs::path& file) {
  sync_file(tmp);
  if (::rename(tmp.c_str(), file.c_str()) != 0) fail_io(file, "rename " + tmp.string(), errno);
  sync_folder(file.parent_path());
}

} // namespace nnlab
