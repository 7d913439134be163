#include "text_table.hpp"

#include <algorithm>

namespace nnlab {

void print_text_table(const std::vector<std::vector<std::string>>& rows,
                      const std::function<bool(std::size_t, std::size_t)>& left,
                      std::ostream& out) {
  if (rows.empty()) return;
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c)
      width[c] = std::max(width[c], row[c].size());
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::size_t pad = (c < width.size() ? width[c] : row[c].size()) - row[c].size();
      line += left(c, row.size()) ? row[c] + std::string(pad, ' ') : std::string(pad, ' ') + row[c];
      if (c + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out << line << '\n';
  }
}

} // namespace nnlab
