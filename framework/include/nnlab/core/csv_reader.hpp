#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// How a CSV text separates its fields, and whether it has comment lines.
struct CsvDialect {
  char delimiter = ',';
  /// Lines whose first non-blank character is '#' are no records (the weights files).
  bool comments = false;
};

/// The records of a CSV text, one at a time, as RFC 4180 writes them and as spreadsheets,
/// R's write.csv and pandas' to_csv write them:
/// - fields are separated by the dialect's delimiter, records by LF or CRLF;
/// - a field in double quotes may hold the delimiter, line breaks and quotes (written
///   twice: `"say ""hi"""` is `say "hi"`); blanks around the quotes are dropped, the text
///   inside is kept as it is;
/// - an unquoted field is trimmed of blanks (spaces, tabs other than the delimiter, '\r');
///   a quote inside it is an ordinary character;
/// - a UTF-8 byte-order mark before the first record is skipped, and so are blank lines at
///   the end of the text (a final newline, an editor's extra lines).
/// Every record knows the line it starts on (a record with a quoted line break spans
/// several). A quote never closed, or text after a closing quote, is a DataError
/// "<source>:<line>: ...".
///
///   CsvReader reader(text, "data.csv");
///   while (reader.next()) for (std::size_t i = 0; i < reader.size(); ++i) use(reader.field(i));
class NNLAB_EXPORT CsvReader {
public:
  /// Reads `text`, which must outlive the reader; `source` names it in errors.
  CsvReader(std::string_view text, std::string source, CsvDialect dialect = {});

  /// Reads the next record; false at the end of the text.
  bool next();

  /// The current record: the line it starts on (1-based), its fields, and whether each was
  /// quoted.
  std::size_t line() const { return line_; }
  std::size_t size() const { return count_; }
  std::string_view field(std::size_t i) const { return fields_[i]; }
  bool quoted(std::size_t i) const { return quoted_[i] != 0; }
  /// True for an empty line inside the text: one empty field that was not quoted.
  bool blank() const { return count_ == 1 && fields_[0].empty() && !quoted(0); }
  /// Fields of the current record, copied.
  std::vector<std::string> fields() const;

  const std::string& source() const { return source_; }

  /// A field as error texts show it, on one line: line breaks and tabs as \n, \r, \t.
  static std::string shown(std::string_view field);

private:
  bool at_end_of_records() const;
  void skip_comments();
  void read_field();
  void read_quoted(std::string& out);

  std::string_view text_;
  std::string source_;
  CsvDialect dialect_;
  std::size_t pos_ = 0;
  std::size_t next_line_ = 1; ///< the line pos_ is on
  std::size_t line_ = 0;
  bool ended_ = false; ///< the current record ended the text
  // The current record: its first count_ fields (the strings are kept for their capacity).
  std::vector<std::string> fields_;
  std::vector<char> quoted_;
  std::size_t count_ = 0;
};

/// The bytes of a file; DataError "<file>: cannot read: <reason>" when it cannot be read.
NNLAB_EXPORT std::string read_text_file(const std::filesystem::path& file);

} // namespace nnlab
