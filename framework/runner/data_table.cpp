#include "data_table.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "nnlab/core/error.hpp"

namespace nnlab::runner {

namespace {

constexpr std::string_view blanks = " \t\r\v\f";

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

/// The records of a CSV text, one at a time, with the line each starts on.
class Records {
public:
  Records(std::string_view text, const DataTable& table) : text_(text), table_(table) {}

  bool next(std::vector<std::string>& fields, std::size_t& line) {
    if (pos_ >= text_.size()) return false;
    fields.clear();
    line = line_;
    for (;;) {
      fields.push_back(field());
      if (pos_ >= text_.size()) return true;
      const char c = text_[pos_++];
      if (c == '\n') {
        ++line_;
        return true;
      }
      // c is ',': another field follows.
    }
  }

private:
  std::string field() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t'))
      ++pos_;
    if (pos_ >= text_.size() || text_[pos_] != '"') {
      pos_ = start;
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n')
        ++pos_;
      return std::string(trim(text_.substr(start, pos_ - start)));
    }
    const std::size_t opened = line_;
    std::string out;
    for (++pos_;; ++pos_) {
      if (pos_ >= text_.size())
        table_.fail(opened, "a quoted field is never closed (expected a '\"' before the end)");
      const char c = text_[pos_];
      if (c == '"' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        out += '"';
        ++pos_;
      } else if (c == '"') {
        ++pos_;
        break;
      } else {
        if (c == '\n') ++line_;
        out += c;
      }
    }
    while (pos_ < text_.size() && blanks.find(text_[pos_]) != std::string_view::npos)
      ++pos_;
    if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n')
      table_.fail(line_, "text after a closing quote (write a quote inside quotes as \"\")");
    return out;
  }

  std::string_view text_;
  const DataTable& table_;
  std::size_t pos_ = 0, line_ = 1;
};

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(file.string() + ": cannot read: " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw DataError(file.string() + ": cannot read: " + std::strerror(errno));
  return text;
}

} // namespace

std::size_t DataTable::find(std::string_view column) const {
  return static_cast<std::size_t>(std::find(columns.begin(), columns.end(), column) -
                                  columns.begin());
}

double DataTable::number(std::size_t row, std::size_t column) const {
  const std::string& field = rows[row][column];
  std::string_view text = field;
  if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool whole = !text.empty() && end == text.data() + text.size();
  // Out of range is an overflow (refused below) or an underflow, which strtod rounds.
  if (whole && ec == std::errc::result_out_of_range)
    value = std::strtod(std::string(text).c_str(), nullptr);
  if (!whole || (ec != std::errc() && ec != std::errc::result_out_of_range) ||
      !std::isfinite(value))
    fail(lines[row],
         "column '" + columns[column] + "': expected a finite number, got '" + field + "'");
  return value;
}

void DataTable::fail(std::size_t line, const std::string& what) const {
  throw DataError(file.string() + ":" + std::to_string(line) + ": " + what);
}

DataTable read_data_table(const std::filesystem::path& file) {
  DataTable table;
  table.file = file;
  std::string text = read_bytes(file);
  // A UTF-8 byte-order mark, as spreadsheets write it, is not part of the first name; CRLF
  // ends a line as LF does.
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  while (!text.empty() &&
         (text.back() == '\n' || blanks.find(text.back()) != std::string_view::npos))
    text.pop_back();
  if (text.empty()) throw DataError(file.string() + ": empty file; expected a header line");
  Records records(text, table);
  std::vector<std::string> fields;
  std::size_t line = 0;
  records.next(table.columns, line);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& name = table.columns[c];
    if (name.empty()) table.fail(1, "column " + std::to_string(c + 1) + " has no name");
    if (std::find(table.columns.begin(), table.columns.begin() + static_cast<std::ptrdiff_t>(c),
                  name) != table.columns.begin() + static_cast<std::ptrdiff_t>(c))
      table.fail(1, "column '" + name + "' appears twice");
  }
  while (records.next(fields, line)) {
    if (fields.size() != table.columns.size()) {
      const bool blank = fields.size() == 1 && fields.front().empty();
      table.fail(line, "expected " + std::to_string(table.columns.size()) + " fields, got " +
                           (blank ? std::string("an empty line") : std::to_string(fields.size())));
    }
    table.rows.push_back(fields);
    table.lines.push_back(line);
  }
  if (table.rows.empty()) throw DataError(file.string() + ": no samples after the header line");
  return table;
}

std::string csv_field(std::string_view text) {
  const bool plain = text.find_first_of(",\"\r\n") == std::string_view::npos &&
                     (text.empty() || (blanks.find(text.front()) == std::string_view::npos &&
                                       blanks.find(text.back()) == std::string_view::npos));
  if (plain) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

} // namespace nnlab::runner
