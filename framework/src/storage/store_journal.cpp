#include "store_journal.hpp"

#include <algorithm>
#include <cerrno>
#include <string_view>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "io/durable_file.hpp"
#include "nnlab/core/error.hpp"

namespace nnlab {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view run_suffix = ".h5";
constexpr std::string_view tmp_suffix = ".h5.tmp";

} // namespace

StoreJournal::StoreJournal(const fs::path& store_file)
    : store_file_(store_file), folder_(fs::path(store_file) += ".journal") {}

StoreJournal::StoreJournal(StoreJournal&& other) noexcept
    : store_file_(std::move(other.store_file_)), folder_(std::move(other.folder_)),
      lock_fd_(std::exchange(other.lock_fd_, -1)) {}

StoreJournal::~StoreJournal() {
  if (lock_fd_ >= 0) ::close(lock_fd_); // closing the last descriptor drops the flock
}

fs::path StoreJournal::file_of(const std::string& id) const {
  return folder_ / (id + std::string(run_suffix));
}

std::vector<std::string> StoreJournal::ids() const {
  std::vector<std::string> ids;
  std::error_code ec;
  for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with('.') && name.ends_with(run_suffix))
      ids.push_back(name.substr(0, name.size() - run_suffix.size()));
  }
  if (ec && ec != std::errc::no_such_file_or_directory) fail_io(folder_, "list", ec.value());
  std::sort(ids.begin(), ids.end());
  return ids;
}

void StoreJournal::lock() {
  std::error_code ec;
  if (fs::create_directory(folder_, ec)) sync_folder(folder_.parent_path()); // its new entry
  if (ec) fail_io(folder_, "cannot create folder", ec.value());
  // A lock on the folder itself: no lock file to leave behind, and flock locks die with
  // their process, so a killed writer never blocks the next one.
  const int fd = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail_io(folder_, "open", errno);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK)
      throw StorageError(store_file_.string() + ": cannot open: another writer has it open");
    fail_io(folder_, "lock", error);
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);
  lock_fd_ = fd;
}

void StoreJournal::write(const std::string& id, const std::function<void(const fs::path&)>& fill) {
  const fs::path file = file_of(id);
  const fs::path tmp = fs::path(file) += ".tmp";
  try {
    fill(tmp);
    commit_file(tmp, file);
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

void StoreJournal::remove(const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  for (const std::string& id : ids)
    if (::unlink(file_of(id).c_str()) != 0 && errno != ENOENT)
      fail_io(file_of(id), "remove", errno);
  sync_folder(folder_);
}

void StoreJournal::remove_stale() {
  std::error_code ec;
  for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().ends_with(tmp_suffix)) fs::remove(it->path(), ec);
  if (ec && ec != std::errc::no_such_file_or_directory) fail_io(folder_, "clean", ec.value());
}

} // namespace nnlab
