#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nnlab::runner {

/// A CSV file of samples as `runner predict` reads it: a header line of column names, then
/// one sample per record. Fields are separated by ',' and may be quoted as RFC 4180 writes
/// them ("a, b", "say ""hi""", line breaks inside quotes); unquoted fields are trimmed. A
/// UTF-8 byte-order mark and blank lines at the end are skipped, as the csv dataset does.
struct DataTable {
  std::filesystem::path file;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows; ///< each with one field per column
  std::vector<std::size_t> lines;             ///< the line each row starts on

  /// The column's index, or columns.size() when there is none.
  std::size_t find(std::string_view column) const;
  /// The cell as a finite number (as the csv dataset reads it: from_chars, a leading '+'
  /// allowed); DataError "<file>:<line>: column '<name>': expected a finite number, got '..'".
  double number(std::size_t row, std::size_t column) const;
  /// DataError "<file>:<line>: <what>".
  [[noreturn]] void fail(std::size_t line, const std::string& what) const;
};

/// Reads the file; DataError "<file>[:<line>]: ..." when it cannot be read, has no header
/// (or an empty or repeated column name), no samples, a record with another number of
/// fields than the header, or a quote never closed.
DataTable read_data_table(const std::filesystem::path& file);

/// The field as a CSV cell that reads back as the same text: quoted (quotes doubled) when
/// it holds a ',', a quote, a line break or blanks at either end.
std::string csv_field(std::string_view text);

} // namespace nnlab::runner
