#include "nnlab/core/csv_reader.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <utility>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

/// What may surround a field: spaces, tabs (unless they separate fields) and a '\r' of CRLF.
bool is_blank(char c, char delimiter) {
  return c != delimiter && (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f');
}

std::string delimiter_text(char delimiter) {
  return delimiter == '\t' ? std::string("a tab") : "'" + std::string(1, delimiter) + "'";
}

} // namespace

CsvReader::CsvReader(std::string_view text, std::string source, CsvDialect dialect)
    : text_(text), source_(std::move(source)), dialect_(dialect) {
  if (text_.substr(0, byte_order_mark.size()) == byte_order_mark) pos_ = byte_order_mark.size();
}

std::string CsvReader::shown(std::string_view field) {
  std::string text;
  for (const char c : field) {
    if (c == '\n')
      text += "\\n";
    else if (c == '\r')
      text += "\\r";
    else if (c == '\t')
      text += "\\t";
    else
      text += c;
  }
  return text;
}

std::vector<std::string> CsvReader::fields() const {
  return {fields_.begin(), fields_.begin() + static_cast<std::ptrdiff_t>(count_)};
}

bool CsvReader::at_end_of_records() const {
  for (std::size_t i = pos_; i < text_.size(); ++i)
    if (text_[i] != '\n' && !is_blank(text_[i], '\0')) return false;
  return true;
}

void CsvReader::skip_comments() {
  while (pos_ < text_.size()) {
    std::size_t i = pos_;
    while (i < text_.size() && is_blank(text_[i], dialect_.delimiter))
      ++i;
    if (i == text_.size() || text_[i] != '#') return;
    const std::size_t newline = text_.find('\n', i);
    if (newline == std::string_view::npos) {
      pos_ = text_.size();
      return;
    }
    pos_ = newline + 1;
    ++next_line_;
  }
}

bool CsvReader::next() {
  if (ended_) return false;
  if (dialect_.comments) skip_comments();
  if (at_end_of_records()) {
    ended_ = true;
    count_ = 0;
    return false;
  }
  line_ = next_line_;
  count_ = 0;
  for (;;) {
    read_field();
    if (pos_ == text_.size()) return true;
    const char c = text_[pos_++];
    if (c == '\n') {
      ++next_line_;
      return true;
    }
    // Otherwise read_field stopped at the delimiter: another field follows.
    if (pos_ == text_.size()) { // "a,b," at the very end: the last field is empty
      read_field();
      return true;
    }
  }
}

void CsvReader::read_field() {
  if (count_ == fields_.size()) {
    fields_.emplace_back();
    quoted_.push_back(0);
  }
  std::string& out = fields_[count_];
  out.clear();
  quoted_[count_] = 0;
  ++count_;
  const char delimiter = dialect_.delimiter;
  while (pos_ < text_.size() && is_blank(text_[pos_], delimiter))
    ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '"') {
    quoted_[count_ - 1] = 1;
    read_quoted(out);
    while (pos_ < text_.size() && is_blank(text_[pos_], delimiter))
      ++pos_;
    if (pos_ < text_.size() && text_[pos_] != delimiter && text_[pos_] != '\n') {
      const std::size_t end = text_.find_first_of(std::string{delimiter, '\n'}, pos_);
      std::string_view rest = text_.substr(pos_, end - pos_);
      while (!rest.empty() && is_blank(rest.back(), delimiter))
        rest.remove_suffix(1);
      throw DataError(source_ + ":" + std::to_string(next_line_) + ": field " +
                      std::to_string(count_) + ": expected " + delimiter_text(delimiter) +
                      " or the end of the line after the closing quote of \"" + shown(out) +
                      "\", got '" + shown(rest) +
                      "' (a quote inside a quoted field is written twice: \"\")");
    }
    return;
  }
  const std::size_t start = pos_;
  while (pos_ < text_.size() && text_[pos_] != delimiter && text_[pos_] != '\n')
    ++pos_;
  std::size_t end = pos_;
  while (end > start && is_blank(text_[end - 1], delimiter))
    --end;
  out.assign(text_.substr(start, end - start));
}

void CsvReader::read_quoted(std::string& out) {
  const std::size_t opened_on = next_line_;
  ++pos_; // the opening quote
  for (;;) {
    const std::size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos) {
      throw DataError(source_ + ":" + std::to_string(opened_on) + ": field " +
                      std::to_string(count_) +
                      ": a quoted field starts here and never ends (no closing '\"' before the "
                      "end of the file)");
    }
    const std::string_view piece = text_.substr(pos_, quote - pos_);
    for (const char c : piece)
      if (c == '\n') ++next_line_;
    out.append(piece);
    pos_ = quote + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      out.push_back('"'); // "" inside quotes is one quote
      ++pos_;
      continue;
    }
    return;
  }
}

std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(file.string() + ": cannot read: " + std::strerror(errno));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw DataError(file.string() + ": cannot read: " + std::strerror(errno));
  return text;
}

} // namespace nnlab
