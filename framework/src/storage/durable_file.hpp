#pragma once

// Internal (not installed, not exported): the POSIX steps that make a file appear whole or
// not at all, shared by the store's journal and by checkpoints.

#include <filesystem>
#include <string>

namespace nnlab {

/// Throws StorageError "<file>: <operation>: <reason of errno `error`>".
[[noreturn]] void fail_io(const std::filesystem::path& file, const std::string& operation,
                          int error);

/// Flushes a file's data and metadata to the disk.
void sync_file(const std::filesystem::path& file);

/// Flushes a folder's entries (new, renamed or removed names) to the disk.
void sync_folder(const std::filesystem::path& folder);

/// Makes `tmp` durable, then visible as `file` in one step: fsync(tmp), rename(tmp, file),
/// fsync(folder). A kill or a power cut leaves `file` old or new, never a mix. Errors are
/// StorageErrors "<file>: <operation>: <reason>".
void commit_file(const std::filesystem::path& tmp, const std::filesystem::path& file);

} // namespace nnlab
