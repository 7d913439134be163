#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <nnlab/plugin.hpp>

namespace {

namespace fs = std::filesystem;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\v\f");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\v\f") - first + 1);
}

/// The fields of one line, split at ',' and trimmed (no quoting: cells are numbers).
std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  for (std::size_t start = 0;;) {
    const auto comma = line.find(',', start);
    fields.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

// from_chars takes no leading '+', but "+1.5" is a fine cell.
std::string_view without_plus(std::string_view text) {
  return text.size() > 1 && text.front() == '+' && text[1] != '-' ? text.substr(1) : text;
}

/// The columns of one file, read by name: features as rows of X, the label as integers.
struct Columns {
  arma::mat X;
  std::vector<long long> labels;
};

/// One CSV file: a header line of column names, then one sample per line. Every problem
/// throws DataError "<file>:<line>: ..." naming the column where there is one.
class CsvFile {
public:
  explicit CsvFile(fs::path file) : file_(std::move(file)) {
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

  const std::vector<std::string>& columns() const { return columns_; }

  Columns read(const std::vector<std::string>& features, const std::string& label) const {
    std::vector<std::size_t> feature_at;
    for (const auto& name : features)
      feature_at.push_back(index_of(name));
    const std::size_t label_at = index_of(label);

    const std::size_t m = lines_.size() - 1;
    Columns out{arma::mat(features.size(), m), {}};
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
      out.labels.push_back(class_label(fields[label_at], line, label));
    }
    return out;
  }

private:
  std::size_t index_of(const std::string& name) const {
    const auto it = std::find(columns_.begin(), columns_.end(), name);
    if (it != columns_.end()) return static_cast<std::size_t>(it - columns_.begin());
    std::string known;
    for (const auto& column : columns_)
      known += (known.empty() ? "" : ", ") + column;
    fail(1, "no column '" + name + "'; columns: " + known);
  }

  double number(std::string_view field, std::size_t line, const std::string& column) const {
    const std::string_view text = without_plus(field);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (end != text.data() + text.size() || text.empty() ||
        (ec != std::errc() && ec != std::errc::result_out_of_range))
      fail_cell(line, column, "a number", field);
    // Out of range is either an overflow (rejected below) or an underflow, which strtod
    // rounds to 0 or a subnormal like any other tiny number.
    if (ec == std::errc::result_out_of_range)
      value = std::strtod(std::string(text).c_str(), nullptr);
    if (!std::isfinite(value)) fail_cell(line, column, "a finite number", field);
    return value;
  }

  long long class_label(std::string_view field, std::size_t line, const std::string& column) const {
    const std::string_view text = without_plus(field);
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
      fail_cell(line, column, "an integer class label", field);
    return value;
  }

  [[noreturn]] void fail_cell(std::size_t line, const std::string& column,
                              std::string_view expected, std::string_view got) const {
    fail(line, "column '" + column + "': expected " + std::string(expected) + ", got '" +
                   std::string(got) + "'");
  }

  [[noreturn]] void fail(std::size_t line, const std::string& what) const {
    throw nnlab::DataError(file_.string() + ":" + std::to_string(line) + ": " + what);
  }

  [[noreturn]] void fail_file(const std::string& what) const {
    throw nnlab::DataError(file_.string() + ": " + what);
  }

  fs::path file_;
  std::vector<std::string> lines_;
  std::vector<std::string> columns_;
};

/// Reads a train and a test CSV file with the same columns. Classes are the distinct
/// integer labels of both files, sorted and numbered 0..k-1; class_names keeps their text.
class CsvDataset final : public nnlab::Dataset {
public:
  explicit CsvDataset(const nnlab::PluginConfig& config)
      : train_(config.get<fs::path>("train")), test_(config.get<fs::path>("test")),
        label_(config.get<std::string>("label")) {
    if (config.has("features")) {
      features_ = config.get<std::vector<std::string>>("features");
      if (features_.empty()) config.fail("features", "a non-empty list of column names");
      for (auto it = features_.begin(); it != features_.end(); ++it) {
        if (*it == label_)
          config.fail("features", "columns other than the label column '" + label_ + "'");
        if (std::find(features_.begin(), it, *it) != it)
          config.fail("features", "distinct column names ('" + *it + "' is listed twice)");
      }
    }
  }

  static nnlab::ParamList params() {
    using nnlab::ParamType;
    return {
        nnlab::param::required("train", ParamType::path, "CSV file of the training samples"),
        nnlab::param::required("test", ParamType::path, "CSV file of the test samples"),
        nnlab::param::optional("features", ParamType::string_list,
                               "feature columns, in this order (default: all but the label)"),
        nnlab::param::string("label", "y", "column of the integer class labels"),
    };
  }

  nnlab::DataSplit load() const override {
    const CsvFile train_file(train_);
    const CsvFile test_file(test_);
    std::vector<std::string> features = features_;
    if (features.empty()) {
      for (const auto& column : train_file.columns())
        if (column != label_) features.push_back(column);
      if (features.empty())
        throw nnlab::DataError(train_.string() + ":1: no feature columns besides the label '" +
                               label_ + "'");
    }
    Columns train = train_file.read(features, label_);
    Columns test = test_file.read(features, label_);

    std::vector<long long> classes = train.labels;
    classes.insert(classes.end(), test.labels.begin(), test.labels.end());
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());

    nnlab::DataSplit split;
    split.train = {std::move(train.X), class_indices(train.labels, classes)};
    split.test = {std::move(test.X), class_indices(test.labels, classes)};
    split.feature_names = std::move(features);
    for (const long long c : classes)
      split.class_names.push_back(std::to_string(c));
    nnlab::check_split(split, train_.string() + ", " + test_.string());
    return split;
  }

private:
  static arma::rowvec class_indices(const std::vector<long long>& labels,
                                    const std::vector<long long>& classes) {
    arma::rowvec y(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const auto at = std::lower_bound(classes.begin(), classes.end(), labels[i]);
      y[i] = static_cast<double>(at - classes.begin());
    }
    return y;
  }

  fs::path train_;
  fs::path test_;
  std::string label_;
  std::vector<std::string> features_; ///< empty: every column but the label
};

} // namespace

NNLAB_REGISTER_DATASET(CsvDataset, "csv", "train and test CSV files with a header; integer labels")
