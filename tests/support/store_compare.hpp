#pragma once

#include <filesystem>
#include <string>

namespace nnlab::test {

/// The first difference between two stores' runs, or empty when they hold the same run
/// ids with bit-identical series and weights and equal config, seed, status, message,
/// iterations and label (timing attributes aside).
std::string store_difference(const std::filesystem::path& a, const std::filesystem::path& b);

/// Whether `h5diff` finds the two stores' run data equal, timing and provenance
/// attributes aside (it compares every dataset bit for bit).
bool h5diff_equal(const std::filesystem::path& a, const std::filesystem::path& b);

} // namespace nnlab::test
