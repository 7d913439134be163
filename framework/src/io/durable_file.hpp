#pragma once

// Internal to the library (not installed, not exported): the POSIX steps that make a file
// appear whole or not at all, shared by the store, its journal and checkpoints.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace nnlab {

/// Throws StorageError "<file>: <operation>: <reason of errno `error`>".
[[noreturn]] void fail_io(const std::filesystem::path& file, const std::string& operation,
                          int error);

/// Creates (or truncates) `file` and writes `bytes` to it. A full disk or any write error is
/// a StorageError "<file>: write: No space left on device"; the partial file is left to the
/// caller (a tmp that is removed).
void write_file(const std::filesystem::path& file, std::span<const char> bytes);

/// Allocates disk space for `file` up to `size` bytes (posix_fallocate; the file grows to
/// that size), so that writes within it cannot meet a full disk. StorageError
/// "<file>: reserve <size> bytes: No space left on device" when the space is not there.
void reserve_space(const std::filesystem::path& file, std::uintmax_t size);

/// Flushes a file's data and metadata to the disk.
void sync_file(const std::filesystem::path& file);

/// Flushes a folder's entries (new, renamed or removed names) to the disk.
void sync_folder(const std::filesystem::path& folder);

/// Makes `tmp` durable, then visible as `file` in one step: fsync(tmp), rename(tmp, file),
/// fsync(folder). A kill or a power cut leaves `file` old or new, never a mix. Errors are
/// StorageErrors "<file>: <operation>: <reason>".
void commit_file(const std::filesystem::path& tmp, const std::filesystem::path& file);

} // namespace nnlab
