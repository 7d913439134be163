#include "csv_file.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <utility>

namespace nnlab_datasets {

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\v\f");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\v\f") - first + 1);
}

/// The fields of one line, split at ',' and trimmed.
std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  for (std::size_t start = 0;;) {
    const auto comma = line.find(',', start);
    fields.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

} // namespace

std::string_view without_plus(std::string_view text) {
  return text.size() > 1 && text.front() == '+' && text[1] != '-' ? text.substr(1) : text;
}

CsvFile::CsvFile(std::filesystem::path file) : file_(std::move(file)) {
  std::ifstream in(file_, std::ios::binary);
  if (!in) fail_file(std::string("cannot read: ") + std::strerror(errno));
  for (std::string line; std::getline(in, line);)
    lines_.push_back(std::move(line));
  if (in.bad()) fail_file(std::string("cannot read: ") + std::strerror(errno));
  // Blank lines at the end (a final newline, an editor's extra line) are not samples.
  while (!lines_.empty() && trim(lines_.back()).empty())
    lines_.pop_back();
  if (lines_.empty()) fail_file("empty file; expected a header line");
  // A UTF-8 byte-order mark, as spreadsheet exports write it, is not part of the name.
  if (lines_.front().rfind("\xEF\xBB\xBF", 0) == 0) lines_.front().erase(0, 3);
  for (const auto name : split_fields(lines_.front())) {
    if (name.empty()) fail(1, "column " + std::to_string(columns_.size() + 1) + " has no name");
    if (std::find(columns_.begin(), columns_.end(), name) != columns_.end())
      fail(1, "column '" + std::string(name) + "' appears twice");
    columns_.emplace_back(name);
  }
  if (lines_.size() == 1) fail_file("no samples after the header line");
}

CsvColumns CsvFile::read(const std::vector<std::string>& features, const std::string& label) const {
  std::vector<std::size_t> feature_at;
  for (const auto& name : features)
    feature_at.push_back(index_of(name));
  const std::size_t label_at = index_of(label);

  const std::size_t m = lines_.size() - 1;
  CsvColumns out{arma::mat(features.size(), m), {}};
  out.labels.reserve(m);
  for (std::size_t i = 0; i < m; ++i) {
    const std::size_t line = i + 2;
    const auto fields = split_fields(lines_[i + 1]);
    if (fields.size() != columns_.size()) {
      const bool blank = fields.size() == 1 && fields.front().empty();
      fail(line, "expected " + std::to_string(columns_.size()) + " fields, got " +
                     (blank ? std::string("an empty line") : std::to_string(fields.size())));
    }
    for (std::size_t f = 0; f < features.size(); ++f)
      out.X(f, i) = number(fields[feature_at[f]], line, features[f]);
    out.labels.emplace_back(fields[label_at]);
  }
  return out;
}

std::size_t CsvFile::index_of(const std::string& name) const {
  const auto it = std::find(columns_.begin(), columns_.end(), name);
  if (it != columns_.end()) return static_cast<std::size_t>(it - columns_.begin());
  std::string known;
  for (const auto& column : columns_)
    known += (known.empty() ? "" : ", ") + column;
  // A file without a header line has its first sample where the names should be.
  const bool numbers = std::all_of(columns_.begin(), columns_.end(), [](const std::string& c) {
    const std::string_view text = without_plus(c);
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
  const std::string_view text = without_plus(field);
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
                 std::string(got) + "'");
}

void CsvFile::fail(std::size_t line, const std::string& what) const {
  throw nnlab::DataError(file_.string() + ":" + std::to_string(line) + ": " + what);
}

void CsvFile::fail_file(const std::string& what) const {
  throw nnlab::DataError(file_.string() + ": " + what);
}

} // namespace nnlab_datasets
