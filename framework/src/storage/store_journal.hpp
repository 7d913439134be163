#pragma once

// Internal to the storage module (not installed, not exported): the journal of a RunStore.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace nnlab {

/// The runs written to a store but not yet published into it: one complete file per run,
/// <store>.journal/<id>.h5 (results/<name>/runs.h5.journal/ab12.h5). A file is filled as
/// <id>.h5.tmp and committed, so a <id>.h5 that exists is whole; a .tmp is a leftover of a
/// kill. The journal knows files, not HDF5: the caller fills them.
class StoreJournal {
public:
  explicit StoreJournal(const std::filesystem::path& store_file);
  StoreJournal(StoreJournal&& other) noexcept;
  StoreJournal& operator=(StoreJournal&&) = delete;
  ~StoreJournal(); // releases the lock

  const std::filesystem::path& folder() const { return folder_; }
  /// Where the run `id` is once written: <folder>/<id>.h5.
  std::filesystem::path file_of(const std::string& id) const;
  /// Ids of the runs written, sorted; none when there is no folder.
  std::vector<std::string> ids() const;

  /// Creates the folder (durably) and takes the store's writer lock, held until destruction
  /// and dropped by the kernel when the process dies. Throws StorageError "<store>: cannot
  /// open: another writer has it open" if a RunStore of any process holds it.
  void lock();
  /// Calls fill(<id>.h5.tmp) and commits it as <id>.h5; the tmp is removed if fill throws.
  void write(const std::string& id, const std::function<void(const std::filesystem::path&)>& fill);
  /// Removes the runs' files, then fsyncs the folder.
  void remove(const std::vector<std::string>& ids);
  /// Removes every *.h5.tmp, left over by a kill. Only for the lock holder.
  void remove_stale();

private:
  std::filesystem::path store_file_;
  std::filesystem::path folder_;
  int lock_fd_ = -1;
};

} // namespace nnlab
