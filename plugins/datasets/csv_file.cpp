#include "csv_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace nnlab_datasets {

namespace {

/// The delimiters a header may hold by mistake (read with another one).
constexpr char other_delimiters[] = {',', ';', '\t', '|'};

std::string shown(char c) {
  return c == '\t' ? std::string("a tab") : "'" + std::string(1, c) + "'";
}

} // namespace

std::string_view number_text(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\v\f");
  if (first == std::string_view::npos) return {};
  text = text.substr(first, text.find_last_not_of(" \t\r\v\f") - first + 1);
  return text.size() > 1 && text.front() == '+' && text[1] != '-' ? text.substr(1) : text;
}

std::string delimiter_name(char delimiter) {
  for (const auto& [name, character] : delimiter_names)
    if (character == delimiter) return name;
  return "'" + std::string(1, delimiter) + "'";
}

CsvFile::CsvFile(std::filesystem::path file, const CsvFormat& format)
    : file_(std::move(file)),
      text_(nnlab::read_text_file(file_)), dialect_{format.delimiter, false} {
  nnlab::CsvReader reader(text_, file_.string(), dialect_);
  if (!reader.next()) fail_file("empty file; expected a header line");
  check_delimiter(reader, format);
  for (std::size_t i = 0; i < reader.size(); ++i) {
    const std::string_view name = reader.field(i);
    if (name.empty()) fail(1, "column " + std::to_string(i + 1) + " has no name");
    if (std::find(columns_.begin(), columns_.end(), name) != columns_.end())
      fail(1, "column '" + nnlab::CsvReader::shown(name) + "' appears twice");
    columns_.emplace_back(name);
  }
  if (!reader.next()) fail_file("no samples after the header line");
}

void CsvFile::check_delimiter(const nnlab::CsvReader& header, const CsvFormat& format) const {
  // Read with the default comma, a header holding ';' or a tab is another kind of file;
  // with any delimiter, a header that reads as one name holding another delimiter is.
  for (const char other : other_delimiters) {
    if (other == format.delimiter) continue;
    const bool suspicious = !format.delimiter_given && (other == ';' || other == '\t');
    if (!suspicious && header.size() != 1) continue;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header.quoted(i) || header.field(i).find(other) == std::string_view::npos) continue;
      fail(header.line(),
           "expected column names separated by " + shown(format.delimiter) + ", found " +
               shown(other) + " in the header ('" + nnlab::CsvReader::shown(header.field(i)) +
               "'): set " + format.delimiter_key + ": " + delimiter_name(other) +
               " to read this file" + (format.delimiter_given ? "" : " (the default is comma)"));
    }
  }
}

CsvColumns CsvFile::read(const std::vector<std::string>& features, const std::string& label) const {
  std::vector<std::size_t> feature_at;
  for (const auto& name : features)
    feature_at.push_back(index_of(name));
  const std::size_t label_at = index_of(label);

  const auto lines = static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n'));
  std::vector<double> values;
  values.reserve(features.size() * lines);
  CsvColumns out;
  out.labels.reserve(lines);
  out.lines.reserve(lines);
  nnlab::CsvReader reader(text_, file_.string(), dialect_);
  reader.next(); // the header
  while (reader.next()) {
    const std::size_t line = reader.line();
    if (reader.size() != columns_.size())
      fail(line,
           "expected " + std::to_string(columns_.size()) + " fields, got " +
               (reader.blank() ? std::string("an empty line") : std::to_string(reader.size())));
    for (std::size_t f = 0; f < features.size(); ++f)
      values.push_back(number(reader.field(feature_at[f]), line, features[f]));
    out.labels.emplace_back(reader.field(label_at));
    out.lines.push_back(line);
  }
  out.X = arma::mat(values.data(), features.size(), out.labels.size());
  return out;
}

std::size_t CsvFile::index_of(const std::string& name) const {
  const auto it = std::find(columns_.begin(), columns_.end(), name);
  if (it != columns_.end()) return static_cast<std::size_t>(it - columns_.begin());
  std::string known;
  for (const auto& column : columns_)
    known += (known.empty() ? "" : ", ") + nnlab::CsvReader::shown(column);
  // A file without a header line has its first sample where the names should be.
  const bool numbers = std::all_of(columns_.begin(), columns_.end(), [](const std::string& c) {
    const std::string_view text = number_text(c);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
  });
  if (numbers)
    fail(1, "expected a header line of column names (such as " + name + "), got numbers: " + known +
                "; add a first line naming the columns");
  fail(1, "no column '" + name + "'; columns: " + known);
}

double CsvFile::number(std::string_view field, std::size_t line, const std::string& column) const {
  const std::string_view text = number_text(field);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size() || text.empty() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range))
    fail_cell(line, column, "a number", field);
  // Out of range is either an overflow (rejected below) or an underflow, which strtod
  // rounds to 0 or a subnormal like any other tiny number.
  if (ec == std::errc::result_out_of_range) value = std::strtod(std::string(text).c_str(), nullptr);
  if (!std::isfinite(value)) fail_cell(line, column, "a finite number", field);
  return value;
}

void CsvFile::fail_cell(std::size_t line, const std::string& column, std::string_view expected,
                        std::string_view got) const {
  fail(line, "column '" + column + "': expected " + std::string(expected) + ", got '" +
                 nnlab::CsvReader::shown(got) + "'");
}

void CsvFile::fail(std::size_t line, const std::string& what) const {
  throw nnlab::DataError(file_.string() + ":" + std::to_string(line) + ": " + what);
}

void CsvFile::fail_file(const std::string& what) const {
  throw nnlab::DataError(file_.string() + ": " + what);
}

} // namespace nnlab_datasets
