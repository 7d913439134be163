#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>

#include "nnlab/core/csv_reader.hpp"
#include "nnlab/core/error.hpp"
#include "weights_formats.hpp"

namespace nnlab::weights {

bool parse_name(const std::string& name, char& kind, unsigned long& layer) {
  if (name.size() < 2 || (name[0] != 'W' && name[0] != 'b') || name[1] == '0') return false;
  const auto [end, ec] = std::from_chars(name.data() + 1, name.data() + name.size(), layer);
  kind = name[0];
  return ec == std::errc() && end == name.data() + name.size();
}

Arrays read_csv(const std::filesystem::path& file) {
  const std::string text = read_text_file(file);
  CsvReader reader(text, file.string(), CsvDialect{',', true});
  Arrays out;
  out.missing = file.string() + ": no line for ";
  std::vector<std::size_t> lines; // of each array, for errors
  while (reader.next()) {
    if (reader.blank()) continue;
    const std::string at = file.string() + ":" + std::to_string(reader.line()) + ": ";
    const std::string name(reader.field(0));
    char kind = 0;
    unsigned long layer = 0;
    if (!parse_name(name, kind, layer))
      throw DataError(at + "expected a line 'W<layer>,values...' or 'b<layer>,values...', got '" +
                      CsvReader::shown(name) + "'");
    for (std::size_t i = 0; i < out.arrays.size(); ++i)
      if (out.arrays[i].name == name)
        throw DataError(at + name + " appears twice (first on line " + std::to_string(lines[i]) +
                        ")");
    arma::vec values(reader.size() - 1);
    for (std::size_t i = 1; i < reader.size(); ++i) {
      const std::string_view cell = reader.field(i);
      double value = 0.0;
      const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() ||
          !std::isfinite(value))
        throw DataError(at + name + ": value " + std::to_string(i) +
                        ": expected a finite number, got '" + CsvReader::shown(cell) + "'");
      values[i - 1] = value;
    }
    out.arrays.push_back(Array{name, at + name, std::move(values), false, 0, 0});
    lines.push_back(reader.line());
  }
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
