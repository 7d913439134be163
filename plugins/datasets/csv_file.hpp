#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nnlab/plugin.hpp>

namespace nnlab_datasets {

/// The columns of one file, read by name: features as rows of X (features x samples), the
/// label cells as their trimmed text. Sample i is on line i + 2 of the file.
struct CsvColumns {
  arma::mat X;
  std::vector<std::string> labels;
};

/// One CSV file: a header line of column names, then one sample per line, fields split at
/// ',' and trimmed (no quoting). Every problem throws DataError "<file>:<line>: ..." naming
/// the column where there is one.
class CsvFile {
public:
  /// Reads the whole file and checks its header (names present and distinct, a sample).
  explicit CsvFile(std::filesystem::path file);

  const std::filesystem::path& path() const { return file_; }
  const std::vector<std::string>& columns() const { return columns_; }

  /// The features, which must be finite numbers, and the label cells of every sample.
  CsvColumns read(const std::vector<std::string>& features, const std::string& label) const;

  /// DataError "<file>:<line>: column '<column>': expected <expected>, got '<got>'".
  [[noreturn]] void fail_cell(std::size_t line, const std::string& column,
                              std::string_view expected, std::string_view got) const;
  /// DataError "<file>:<line>: <what>".
  [[noreturn]] void fail(std::size_t line, const std::string& what) const;
  /// DataError "<file>: <what>".
  [[noreturn]] void fail_file(const std::string& what) const;

private:
  std::size_t index_of(const std::string& name) const;
  double number(std::string_view field, std::size_t line, const std::string& column) const;

  std::filesystem::path file_;
  std::vector<std::string> lines_;
  std::vector<std::string> columns_;
};

/// The text without one leading '+' (unless a '-' follows): from_chars takes no '+', but
/// "+1.5" is a fine cell.
std::string_view without_plus(std::string_view text);

} // namespace nnlab_datasets
