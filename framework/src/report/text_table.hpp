#pragma once

// Private to report/: a table of text cells printed in aligned columns.

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace nnlab {

/// Prints `rows` (the first is the header) with every column as wide as its widest cell,
/// two spaces between columns: a column for which `left(c, n_columns)` holds is padded on
/// the right (words), the others on the left (numbers). Trailing spaces are dropped.
void print_text_table(const std::vector<std::vector<std::string>>& rows,
                      const std::function<bool(std::size_t, std::size_t)>& left, std::ostream& out);

} // namespace nnlab
