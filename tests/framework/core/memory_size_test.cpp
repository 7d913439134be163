#include <catch2/catch.hpp>

#include <new>
#include <stdexcept>

#include "nnlab/core/memory_size.hpp"

using nnlab::format_bytes;
using nnlab::parse_memory_size;

TEST_CASE("MemorySize: sizes read as --max-memory takes them", "[core][memory]") {
  constexpr std::uint64_t K = 1024, M = K * K, G = M * K;
  CHECK(parse_memory_size("4G") == 4 * G);
  CHECK(parse_memory_size("500M") == 500 * M);
  CHECK(parse_memory_size("1.5G") == 3 * G / 2);
  CHECK(parse_memory_size("2GB") == 2 * G);
  CHECK(parse_memory_size("2gib") == 2 * G);
  CHECK(parse_memory_size("64k") == 64 * K);
  CHECK(parse_memory_size("1T") == 1024 * G);
  CHECK(parse_memory_size("123456") == 123456u);
  CHECK(parse_memory_size("100B") == 100u);
  for (const char* bad : {"", "0", "0G", "-1G", "G", "4X", "4GX", "4 G", "nan", "1e30T"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_memory_size(bad).has_value());
  }
}

TEST_CASE("MemorySize: sizes read back in messages in the same units", "[core][memory]") {
  CHECK(format_bytes(0) == "0 B");
  CHECK(format_bytes(512) == "512 B");
  CHECK(format_bytes(1536) == "1.5 KB");
  CHECK(format_bytes(20ull << 30) == "20 GB");
  CHECK(format_bytes(800ull << 30) == "800 GB");
  CHECK(format_bytes(UINT64_MAX) == "16 EB");
  const nnlab::MemoryBudget budget{4ull << 30, "--max-memory"};
  CHECK(budget.limited());
  CHECK(budget.describe() == "limit 4.0 GB: --max-memory");
  CHECK_FALSE(nnlab::MemoryBudget{}.limited());
  CHECK(nnlab::available_memory() > 0); // Linux: MemAvailable
}

TEST_CASE("MemorySize: counts of absurd inputs saturate", "[core][memory]") {
  CHECK(nnlab::saturating_mul(1ull << 40, 1ull << 40) == UINT64_MAX);
  CHECK(nnlab::saturating_mul(3, 5) == 15u);
  CHECK(nnlab::saturating_mul(0, UINT64_MAX) == 0u);
  CHECK(nnlab::saturating_add(UINT64_MAX - 1, 5) == UINT64_MAX);
  CHECK(nnlab::saturating_add(2, 5) == 7u);
}

TEST_CASE("MemorySize: running out of memory is told from other failures", "[core][memory]") {
  CHECK(nnlab::is_out_of_memory(std::bad_alloc()));
  CHECK(nnlab::is_out_of_memory(std::length_error("vector::_M_default_append")));
  CHECK(nnlab::is_out_of_memory(std::logic_error("Mat::init(): requested size is too large")));
  CHECK(nnlab::is_out_of_memory(std::runtime_error("arma::memory::acquire(): out of memory")));
  CHECK_FALSE(nnlab::is_out_of_memory(std::runtime_error("file not found")));
  CHECK(nnlab::failure_text(std::bad_alloc()) == "out of memory (std::bad_alloc)");
  CHECK(nnlab::failure_text(std::runtime_error("file not found")) == "file not found");
}
