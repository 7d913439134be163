#include <algorithm>
#include <charconv>
#include <fstream>
#include <functional>
#include <iostream>

#include "commands.hpp"
#include "nnlab/config/run_config.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab::runner {

namespace {

// A cell the csv plugin reads back as the same text: non-empty, trimmed, no separator.
bool is_plain_cell(const std::string& name) {
  return !name.empty() && name.find_first_of(",\r\n") == std::string::npos && name.front() != ' ' &&
         name.back() != ' ' && name.front() != '\t' && name.back() != '\t';
}

bool is_number(const std::string& text) {
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return end == text.data() + text.size() && ec != std::errc::invalid_argument;
}

// True when the csv plugin, reading these names as labels (label_type auto), numbers them
// 0..k-1 in this order: all integers in their canonical text, increasing, or all names
// that are not numbers (nor '+' something), increasing by bytes.
bool reads_back(const std::vector<std::string>& names) {
  if (names.empty() || !std::all_of(names.begin(), names.end(), is_plain_cell)) return false;
  std::vector<long long> values;
  for (const std::string& name : names) {
    long long value = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), value);
    if (ec == std::errc() && end == name.data() + name.size() && std::to_string(value) == name)
      values.push_back(value);
  }
  if (values.size() == names.size())
    return std::adjacent_find(values.begin(), values.end(), std::greater_equal<>()) == values.end();
  const auto numeric = [](const std::string& name) {
    return name.front() == '+' || is_number(name);
  };
  return std::none_of(names.begin(), names.end(), numeric) &&
         std::adjacent_find(names.begin(), names.end(), std::greater_equal<>()) == names.end();
}

// Features in the shortest text that reads back to the same double; labels as the class
// names (so the csv plugin maps them back to the same numbers), or as integers when a name
// could not be read back.
void write_csv(const Samples& samples, const std::vector<std::string>& feature_names,
               const std::vector<std::string>& class_names, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary);
  if (!out) throw StorageError(file.string() + ": cannot write");
  for (const auto& name : feature_names)
    out << name << ',';
  out << "y\n";
  char buffer[64];
  for (arma::uword j = 0; j < samples.X.n_cols; ++j) {
    for (arma::uword i = 0; i < samples.X.n_rows; ++i) {
      const auto end = std::to_chars(buffer, buffer + sizeof buffer, samples.X(i, j)).ptr;
      out.write(buffer, end - buffer).put(',');
    }
    const auto c = static_cast<std::size_t>(samples.y[j]);
    if (c < class_names.size())
      out << class_names[c] << '\n';
    else
      out << c << '\n';
  }
  if (!out) throw StorageError(file.string() + ": write failed");
}

} // namespace

int export_data(const CliOptions& cli) {
  const ConfigNode root = load_yaml_file(cli.file);
  const ConfigNode& block = root.require("dataset", cli.file.string(), "{plugin: ...}");
  const PluginBlock dataset =
      read_plugin_block(block, "dataset", PluginKind::dataset, cli.file.parent_path());
  std::string name = cli.file.stem().string();
  if (const ConfigNode* given = root.find("name")) name = given->as_string("name");

  Registry registry(Registry::search_path(cli.plugin_path));
  DatasetCache datasets(registry);
  const DataSplit& split = *datasets.get(dataset);
  std::vector<std::string> features = split.feature_names;
  for (std::size_t i = features.size(); i < split.train.X.n_rows; ++i)
    features.push_back("x" + std::to_string(i + 1));

  std::vector<std::string> classes = split.class_names;
  if (!reads_back(classes)) classes.clear();

  const std::filesystem::path prefix =
      cli.out.empty() ? std::filesystem::path("results") / name / "data" / name : cli.out;
  if (prefix.has_parent_path()) std::filesystem::create_directories(prefix.parent_path());
  const std::filesystem::path train = prefix.string() + "_train.csv";
  const std::filesystem::path test = prefix.string() + "_test.csv";
  write_csv(split.train, features, classes, train);
  write_csv(split.test, features, classes, test);
  std::cout << "wrote " << train.string() << " (" << split.train.X.n_cols << " samples) and "
            << test.string() << " (" << split.test.X.n_cols << " samples)\n";
  return 0;
}

} // namespace nnlab::runner
