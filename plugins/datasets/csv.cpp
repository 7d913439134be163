#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nnlab/plugin.hpp>

#include "class_labels.hpp"
#include "csv_file.hpp"

namespace {

namespace fs = std::filesystem;
using nnlab_datasets::CsvFile;

/// Reads classification data from CSV files (RFC 4180: quoted fields, CRLF, a byte-order
/// mark; fields separated by `delimiter`) with a header line: either a train and a test
/// file with the same columns, or one `file` split by `test_fraction` (stratified by class
/// by default, scikit-learn's train_test_split(stratify=y)). Features are columns of finite
/// numbers, chosen by name (default: every column but the label); the label column holds
/// integer classes or class names, numbered 0..k-1 in sorted order over all samples
/// (class_names keeps their text). A `validation` file (same columns) gives the validation
/// set (instead of training.validation_fraction). With `standardize`, each feature becomes
/// (x - mean) / std with mean and std (1/m, as scikit-learn's StandardScaler) of the train
/// set, applied to every set; a feature with a single value in the train set keeps scale 1.
class CsvDataset final : public nnlab::Dataset {
public:
  explicit CsvDataset(const nnlab::PluginConfig& config)
      : label_(config.get<std::string>("label")), standardize_(config.get<bool>("standardize")) {
    read_files(config);
    read_delimiter(config);
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
    // One of the names params() declares, each of which label_type_from knows.
    label_type_ = nnlab_datasets::label_type_from(config.get<std::string>("label_type")).value();
  }

  static nnlab::ParamList params() {
    using namespace nnlab::param;
    using nnlab::ParamType;
    return {
        optional("file", ParamType::path, "one CSV file, split in two by test_fraction"),
        optional("train", ParamType::path, "CSV file of the training samples (with test)"),
        optional("test", ParamType::path, "CSV file of the test samples (with train)"),
        optional("validation", ParamType::path,
                 "CSV file of the validation samples (or training.validation_fraction)"),
        optional("features", ParamType::string_list,
                 "feature columns, in this order (default: all but the label)"),
        string("delimiter", "comma",
               "what separates the fields: comma, semicolon, tab or pipe (quoted fields may "
               "hold it)")
            .one_of({"comma", "semicolon", "tab", "pipe"}),
        string("label", "y", "column of the class labels"),
        string("label_type", "auto",
               "auto (integers if every label is one, else names), integer or string")
            .one_of({"auto", "integer", "string"}),
        optional("test_fraction", ParamType::number,
                 "with file: fraction of its samples held out as the test set")
            .above(0)
            .below(1),
        boolean("stratify", true, "with file: same class proportions in both sets"),
        boolean("shuffle", true,
                "with file: draw the test set at random (else spread over the file's order)"),
        integer("seed", 2025, "with file: seed of the random split").at_least(0),
        boolean("standardize", false, "z-score each feature with the train set's mean and std"),
    };
  }

  nnlab::DataSplit load() const override {
    nnlab::DataSplit split = file_.empty() ? load_pair() : load_one();
    if (standardize_) standardize(split);
    nnlab::check_split(split, source());
    return split;
  }

private:
  /// Either `file` with `test_fraction` (and the split's keys), or `train` and `test`; and
  /// optionally `validation`.
  void read_files(const nnlab::PluginConfig& config) {
    if (config.has("validation")) {
      validation_ = config.get<fs::path>("validation");
      require_file(config, "validation", validation_);
    }
    const auto missing = [&](const std::string& key, const std::string& what) {
      throw nnlab::ConfigError(config.location().str() + ": " + config.path() + ": missing key '" +
                               key + "' (" + what + ")");
    };
    if (config.has("file")) {
      file_ = config.get<fs::path>("file");
      require_file(config, "file", file_);
      for (const char* key : {"train", "test"})
        if (config.has(key)) config.fail(key, "no train or test file next to `file`");
      if (!config.has("test_fraction"))
        missing("test_fraction", "a number in (0, 1): the fraction of `file` held out as the "
                                 "test set");
      plan_.test_fraction = config.get<double>("test_fraction");
      plan_.stratify = config.get<bool>("stratify");
      plan_.shuffle = config.get<bool>("shuffle");
      plan_.seed = static_cast<std::uint64_t>(config.get<std::int64_t>("seed"));
      return;
    }
    if (!config.has("train"))
      missing("train", "a path: CSV file of the training samples; or give one file as `file` "
                       "with test_fraction");
    if (!config.has("test"))
      missing("test", "a path: CSV file of the test samples; or give one file as `file` with "
                      "test_fraction");
    train_ = config.get<fs::path>("train");
    test_ = config.get<fs::path>("test");
    require_file(config, "train", train_);
    require_file(config, "test", test_);
    // The split's keys would be silently ignored with two files.
    for (const char* key : {"test_fraction", "stratify", "shuffle", "seed"})
      if (config.given(key))
        config.fail(key, "no " + std::string(key) +
                             " with train and test files (only for splitting `file`)");
  }

  /// The delimiter by its name (one of those params() declares), and whether it was given.
  void read_delimiter(const nnlab::PluginConfig& config) {
    const std::string name = config.get<std::string>("delimiter");
    for (const auto& [known, character] : nnlab_datasets::delimiter_names)
      if (name == known) format_.delimiter = character;
    format_.delimiter_given = config.given("delimiter");
    format_.delimiter_key = config.path() + ".delimiter";
  }

  /// A missing file or a folder is the experiment's mistake: name the key that gave it.
  static void require_file(const nnlab::PluginConfig& config, const char* key,
                           const fs::path& file) {
    std::error_code ec;
    const fs::file_status status = fs::status(file, ec);
    if (status.type() == fs::file_type::not_found)
      config.fail(key, "an existing CSV file (no file " + file.string() + ")");
    if (fs::is_directory(status))
      config.fail(key, "a CSV file, not a folder (" + file.string() + " is a folder)");
  }

  std::string source() const {
    return (file_.empty() ? train_.string() + ", " + test_.string() : file_.string()) +
           (validation_.empty() ? "" : ", " + validation_.string());
  }

  /// The feature columns: as configured, else every column of `file` but the label.
  std::vector<std::string> features_of(const CsvFile& file) const {
    if (!features_.empty()) return features_;
    std::vector<std::string> features;
    for (const auto& column : file.columns())
      if (column != label_) features.push_back(column);
    if (features.empty()) file.fail(1, "no feature columns besides the label '" + label_ + "'");
    return features;
  }

  /// The validation file's samples (none without one), read with the same columns.
  struct Validation {
    std::optional<CsvFile> file;
    nnlab_datasets::CsvColumns columns;
  };
  Validation read_validation(const std::vector<std::string>& features) const {
    Validation valid;
    if (validation_.empty()) return valid;
    valid.file.emplace(validation_, format_);
    valid.columns = valid.file->read(features, label_);
    return valid;
  }
  /// Labels of `sources` and the validation file's, numbered together.
  nnlab_datasets::EncodedLabels encode(std::vector<nnlab_datasets::LabelCells> sources,
                                       const Validation& valid) const {
    if (valid.file) sources.push_back({*valid.file, valid.columns.labels, valid.columns.lines});
    return nnlab_datasets::encode_labels(sources, label_, label_type_);
  }

  nnlab::DataSplit load_pair() const {
    const CsvFile train_file(train_, format_);
    const CsvFile test_file(test_, format_);
    std::vector<std::string> features = features_of(train_file);
    nnlab_datasets::CsvColumns train = train_file.read(features, label_);
    nnlab_datasets::CsvColumns test = test_file.read(features, label_);
    Validation valid = read_validation(features);
    auto labels = encode({{train_file, train.labels, train.lines},
                          {test_file, test.labels, test.lines}},
                         valid);
    if (labels.class_names.size() < 2)
      throw nnlab::DataError(
          source() + ": column '" + label_ + "': " + std::to_string(labels.class_names.size()) +
          " class(es) found (" + class_list(labels.class_names) + "), expected at least 2");

    nnlab::DataSplit split;
    split.train = {std::move(train.X), std::move(labels.y[0])};
    split.test = {std::move(test.X), std::move(labels.y[1])};
    if (valid.file) split.valid = {std::move(valid.columns.X), std::move(labels.y[2])};
    split.feature_names = std::move(features);
    split.class_names = std::move(labels.class_names);
    return split;
  }

  nnlab::DataSplit load_one() const {
    const CsvFile file(file_, format_);
    std::vector<std::string> features = features_of(file);
    const nnlab_datasets::CsvColumns columns = file.read(features, label_);
    Validation valid = read_validation(features);
    auto labels = encode({{file, columns.labels, columns.lines}}, valid);
    // check_split would name the single class too, but only after the split refused it.
    if (labels.class_names.size() < 2)
      file.fail_file("column '" + label_ + "': " + std::to_string(labels.class_names.size()) +
                     " class(es) found (" + class_list(labels.class_names) +
                     "), expected at least 2");
    const arma::rowvec& y = labels.y[0];
    const auto holdout = nnlab::holdout_split(y, labels.class_names, plan_, file_.string());

    nnlab::DataSplit split;
    split.train = {columns.X.cols(holdout.train), y.cols(holdout.train)};
    split.test = {columns.X.cols(holdout.test), y.cols(holdout.test)};
    if (valid.file) split.valid = {std::move(valid.columns.X), std::move(labels.y[1])};
    split.feature_names = std::move(features);
    split.class_names = std::move(labels.class_names);
    return split;
  }

  static std::string class_list(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names)
      text += (text.empty() ? "'" : ", '") + name + "'";
    return text.empty() ? "none" : text;
  }

  // The split keeps the scaler, which is stored with each run for `runner predict`.
  static void standardize(nnlab::DataSplit& split) {
    split.scaler = nnlab::Scaler::fit(split.train.X);
    for (nnlab::Samples* samples : {&split.train, &split.test, &split.valid})
      if (samples->X.n_cols > 0) split.scaler.apply(samples->X); // no validation file: none
  }

  fs::path file_; ///< empty: train_ and test_
  fs::path train_;
  fs::path test_;
  fs::path validation_; ///< empty: no validation file
  std::string label_;
  nnlab_datasets::LabelType label_type_ = nnlab_datasets::LabelType::automatic;
  std::vector<std::string> features_; ///< empty: every column but the label
  nnlab::HoldoutPlan plan_;
  nnlab_datasets::CsvFormat format_;
  bool standardize_;
};

} // namespace

NNLAB_REGISTER_DATASET(CsvDataset, "csv",
                       "CSV files with a header: train and test, or one file split (stratified); "
                       "integer or named classes, optional standardisation")
