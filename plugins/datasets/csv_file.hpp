#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nnlab/plugin.hpp>

namespace nnlab_datasets {

/// The columns of one file, read by name: features as rows of X (features x samples), the
/// label cells as their text, and the line each sample starts on (a quoted line break makes
/// a sample span lines).
struct CsvColumns {
  arma::mat X;
  std::vector<std::string> labels;
  std::vector<std::size_t> lines;
};

/// How the csv dataset reads its files: the delimiter, whether the experiment chose it, and
/// the key that chooses it (for the error that names it).
struct CsvFormat {
  char delimiter = ',';
  bool delimiter_given = false;
  std::string delimiter_key = "dataset.delimiter";
};

/// The names `delimiter:` takes and the characters they stand for.
struct DelimiterName {
  const char* name;
  char character;
};
inline constexpr DelimiterName delimiter_names[] = {
    {"comma", ','}, {"semicolon", ';'}, {"tab", '\t'}, {"pipe", '|'}};

/// One CSV file (RFC 4180, through nnlab::CsvReader): a header record of column names, then
/// one sample per record. Every problem throws DataError "<file>:<line>: ..." naming the
/// column where there is one.
class CsvFile {
public:
  /// Reads the whole file and checks its header: names present and distinct, a sample, and
  /// no other delimiter in it than the format's (a semicolon file read with the default
  /// comma is refused, naming the delimiter found and the key to set).
  CsvFile(std::filesystem::path file, const CsvFormat& format = {});

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
  void check_delimiter(const nnlab::CsvReader& header, const CsvFormat& format) const;
  std::size_t index_of(const std::string& name) const;
  double number(std::string_view field, std::size_t line, const std::string& column) const;

  std::filesystem::path file_;
  std::string text_;
  nnlab::CsvDialect dialect_;
  std::vector<std::string> columns_;
};

/// The text without blanks around it and one leading '+' (unless a '-' follows):
/// from_chars takes neither, but " +1.5" is a fine cell.
std::string_view number_text(std::string_view text);

/// The delimiter's name for `delimiter:` ("semicolon"), or the character in quotes.
std::string delimiter_name(char delimiter);

} // namespace nnlab_datasets
