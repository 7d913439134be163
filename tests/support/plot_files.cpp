#include "support/plot_files.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>

namespace nnlab::test {

bool is_png(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, 8> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  return in && head == std::array<unsigned char, 8>{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
}

std::size_t gif_frames(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes.at(i)); };
  if (bytes.rfind("GIF89a", 0) != 0 && bytes.rfind("GIF87a", 0) != 0) return 0;
  try {
    std::size_t at = 13; // header and logical screen descriptor
    if (byte(10) & 0x80) at += 3 * (std::size_t{2} << (byte(10) & 7)); // global colour table
    const auto skip_sub_blocks = [&] {
      while (const std::size_t size = byte(at++))
        at += size;
    };
    std::size_t frames = 0;
    for (;;) {
      const unsigned char kind = byte(at++);
      if (kind == 0x3b) return frames; // trailer
      if (kind == 0x21) {              // extension: label, then sub-blocks
        ++at;
        skip_sub_blocks();
      } else if (kind == 0x2c) { // image: descriptor, local colour table, LZW code size, data
        const unsigned char packed = byte(at + 8);
        at += 9;
        if (packed & 0x80) at += 3 * (std::size_t{2} << (packed & 7));
        ++at;
        skip_sub_blocks();
        ++frames;
      } else {
        return 0;
      }
    }
  } catch (const std::out_of_range&) {
    return 0;
  }
}

std::vector<DataRows> read_data_blocks(const std::filesystem::path& file) {
  std::vector<DataRows> blocks(1);
  std::ifstream in(file);
  int blank = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) {
      if (++blank == 2) blocks.emplace_back();
      continue;
    }
    blank = 0;
    if (line[0] == '#') continue;
    std::istringstream fields(line);
    std::vector<double> row;
    for (double v; fields >> v;)
      row.push_back(v);
    blocks.back().push_back(row);
  }
  return blocks;
}

DataRows read_data_rows(const std::filesystem::path& file) {
  DataRows rows;
  for (const DataRows& block : read_data_blocks(file))
    rows.insert(rows.end(), block.begin(), block.end());
  return rows;
}

void check_renders_by_hand(const std::filesystem::path& png) {
  std::filesystem::remove(png);
  const std::string script = png.stem().string() + ".gp";
  const std::string by_hand =
      "cd '" + png.parent_path().string() + "' && gnuplot " + script + " 2>/dev/null";
  CAPTURE(by_hand);
  REQUIRE(std::system(by_hand.c_str()) == 0);
  if (png.extension() == ".gif")
    REQUIRE(gif_frames(png) > 0);
  else
    REQUIRE(is_png(png));
}

} // namespace nnlab::test
