#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <string_view>

#include "nnlab/core/error.hpp"
#include "weights_formats.hpp"

namespace nnlab::weights {

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

} // namespace

bool parse_name(const std::string& name, char& kind, unsigned long& layer) {
  if (name.size() < 2 || (name[0] != 'W' && name[0] != 'b') || name[1] == '0') return false;
  const auto [end, ec] = std::from_chars(name.data() + 1, name.data() + name.size(), layer);
  kind = name[0];
  return ec == std::errc() && end == name.data() + name.size();
}

Arrays read_csv(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(file.string() + ": cannot read: " + std::strerror(errno));
  Arrays out;
  out.missing = file.string() + ": no line for ";
  std::vector<std::size_t> lines; // of each array, for errors
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const std::string at = file.string() + ":" + std::to_string(number) + ": ";
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    const std::size_t comma = text.find(',');
    const std::string name(trim(text.substr(0, comma)));
    char kind = 0;
    unsigned long layer = 0;
    if (!parse_name(name, kind, layer))
      throw DataError(at + "expected a line 'W<layer>,values...' or 'b<layer>,values...', got '" +
                      name + "'");
    for (std::size_t i = 0; i < out.arrays.size(); ++i)
      if (out.arrays[i].name == name)
        throw DataError(at + name + " appears twice (first on line " + std::to_string(lines[i]) +
                        ")");
    std::vector<double> values;
    for (std::size_t start = comma; start != std::string_view::npos;) {
      const std::size_t next = text.find(',', start + 1);
      const std::string_view cell = trim(text.substr(start + 1, next - start - 1));
      double value = 0.0;
      const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() ||
          !std::isfinite(value))
        throw DataError(at + name + ": value " + std::to_string(values.size() + 1) +
                        ": expected a finite number, got '" + std::string(cell) + "'");
      values.push_back(value);
      start = next;
    }
    out.arrays.push_back(Array{name, at + name, arma::vec(values), false, 0, 0});
    lines.push_back(number);
  }
  if (in.bad()) throw DataError(file.string() + ": cannot read: " + std::strerror(errno));
  return out;
}

void write_csv(const std::filesystem::path& file,
               const std::vector<std::pair<std::string, arma::mat>>& named) {
  std::ofstream out(file, std::ios::binary);
  if (!out) throw StorageError(file.string() + ": cannot write: " + std::strerror(errno));
  out << "# nnlab weights: one line per array, its name then its values row by row\n";
  char buffer[64];
  for (const auto& [name, values] : named) {
    out << name;
    const arma::mat by_rows = values.t(); // column-major storage of W^T is W row by row
    for (const double value : by_rows) {
      const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
      out.put(',').write(buffer, end - buffer);
    }
    out << '\n';
  }
  if (!out.flush()) throw StorageError(file.string() + ": write failed");
}

} // namespace nnlab::weights
