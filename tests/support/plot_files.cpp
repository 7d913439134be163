#include "support/plot_files.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace nnlab::test {

bool is_png(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, 8> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  return in && head == std::array<unsigned char, 8>{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
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
  REQUIRE(is_png(png));
}

} // namespace nnlab::test
