#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

// Reading what the plot code writes: PNGs, gnuplot scripts and their data files.

namespace nnlab::test {

/// Rows of numbers, one per data line of a gnuplot data file.
using DataRows = std::vector<std::vector<double>>;

/// Whether `file` starts with the 8-byte PNG signature (false when it cannot be read).
bool is_png(const std::filesystem::path& file);

/// The number of images (frames) in a GIF file, read from its block structure; 0 when the
/// file is not a whole GIF (no GIF89a/GIF87a header, cut short, no trailer).
std::size_t gif_frames(const std::filesystem::path& file);

/// The data blocks of a gnuplot data file (split at two blank lines); '#' lines are skipped.
std::vector<DataRows> read_data_blocks(const std::filesystem::path& file);

/// Every data row of a gnuplot data file, blocks run together.
DataRows read_data_rows(const std::filesystem::path& file);

/// Removes `png`, runs gnuplot by hand on the script next to it (same stem, .gp) in its
/// folder, and requires that this succeeds and writes the PNG (or the .gif) again.
void check_renders_by_hand(const std::filesystem::path& png);

} // namespace nnlab::test
