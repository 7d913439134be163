#include "nnlab/core/memory_size.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <new>
#include <stdexcept>

#include <unistd.h>

namespace nnlab {

namespace {

constexpr std::uint64_t max_u64 = std::numeric_limits<std::uint64_t>::max();

bool same_letters(std::string_view text, std::string_view word) {
  if (text.size() != word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  return true;
}

} // namespace

std::optional<std::uint64_t> parse_memory_size(std::string_view text) {
  double number = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data() || !(number > 0) || !std::isfinite(number))
    return std::nullopt;
  std::string_view unit = text.substr(static_cast<std::size_t>(end - text.data()));
  double scale = 1.0;
  if (!unit.empty()) {
    const char prefix = static_cast<char>(std::tolower(static_cast<unsigned char>(unit[0])));
    const std::string_view letters = "kmgt";
    const auto power = letters.find(prefix);
    if (power != std::string_view::npos) {
      scale = std::pow(1024.0, static_cast<double>(power + 1));
      unit.remove_prefix(1);
      if (!unit.empty() && !same_letters(unit, "b") && !same_letters(unit, "ib"))
        return std::nullopt;
    } else if (!same_letters(unit, "b")) {
      return std::nullopt;
    }
  }
  const double bytes = std::floor(number * scale);
  if (bytes < 1 || bytes >= 0x1p64) return std::nullopt;
  return static_cast<std::uint64_t>(bytes);
}

std::string format_bytes(std::uint64_t bytes) {
  static const char* const units[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(units)) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  if (unit == 0)
    std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
  else if (value < 9.95)
    std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  else
    std::snprintf(text, sizeof text, "%.0f %s", value, units[unit]);
  return text;
}

std::uint64_t available_memory() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::uint64_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024;
  const long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0
             ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page)
             : 0;
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return a > max_u64 - b ? max_u64 : a + b;
}

std::uint64_t saturating_mul(std::uint64_t a, std::uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > max_u64 / b ? max_u64 : a * b;
}

bool is_out_of_memory(const std::exception& error) {
  if (dynamic_cast<const std::bad_alloc*>(&error) || dynamic_cast<const std::length_error*>(&error))
    return true;
  const std::string_view what = error.what();
  return what.find("out of memory") != std::string_view::npos ||
         what.find("requested size is too large") != std::string_view::npos;
}

std::string failure_text(const std::exception& error) {
  if (!is_out_of_memory(error)) return error.what();
  return std::string("out of memory (") + error.what() + ")";
}

} // namespace nnlab
