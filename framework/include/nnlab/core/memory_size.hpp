#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "nnlab/export.hpp"

namespace nnlab {

/// "4G", "500M", "1.5G", "2GB", "2GiB", "64K", "123456" (bytes): K, M, G and T are powers of
/// 1024, with an optional "B" or "iB" after them, any case. Nothing for anything else, 0
/// included.
NNLAB_EXPORT std::optional<std::uint64_t> parse_memory_size(std::string_view text);

/// How a size reads in a message, in the units parse_memory_size() takes: "512 B",
/// "12 KB", "1.5 MB", "800 GB" (one decimal below 10).
NNLAB_EXPORT std::string format_bytes(std::uint64_t bytes);

/// The memory the system can give without swapping (/proc/meminfo's MemAvailable; the
/// free physical pages where there is none).
NNLAB_EXPORT std::uint64_t available_memory();

/// How much memory a command may plan for, and what the message says of it when something
/// would take more ("the memory available; --max-memory sets it"). 0 bytes: no limit.
struct MemoryBudget {
  std::uint64_t bytes = 0;
  std::string source;
  bool limited() const { return bytes > 0; }
  /// "limit 20 GB: the memory available; --max-memory sets it"
  std::string describe() const { return "limit " + format_bytes(bytes) + ": " + source; }
};

/// a + b and a * b, held at UINT64_MAX instead of wrapping: costs of absurd inputs stay
/// comparable with a limit.
NNLAB_EXPORT std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b);
NNLAB_EXPORT std::uint64_t saturating_mul(std::uint64_t a, std::uint64_t b);

/// Whether `error` says memory ran out: std::bad_alloc, std::length_error, or Armadillo's
/// "out of memory" and "requested size is too large".
NNLAB_EXPORT bool is_out_of_memory(const std::exception& error);

/// How a failure reads in a run's message: "out of memory (std::bad_alloc)" for one of
/// is_out_of_memory(), its what() otherwise.
NNLAB_EXPORT std::string failure_text(const std::exception& error);

} // namespace nnlab
