#include <charconv>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "nnlab/config/run_config.hpp"
#include "nnlab/config/yaml_source.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/dataset_cache.hpp"

namespace nnlab::runner {

namespace {

// Features in the shortest text that reads back to the same double; labels as integers.
void write_csv(const Samples& samples, const std::vector<std::string>& feature_names,
               const std::filesystem::path& file) {
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
    out << static_cast<long long>(samples.y[j]) << '\n';
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

  const std::filesystem::path prefix =
      cli.out.empty() ? std::filesystem::path("results") / name / "data" / name : cli.out;
  if (prefix.has_parent_path()) std::filesystem::create_directories(prefix.parent_path());
  const std::filesystem::path train = prefix.string() + "_train.csv";
  const std::filesystem::path test = prefix.string() + "_test.csv";
  write_csv(split.train, features, train);
  write_csv(split.test, features, test);
  std::cout << "wrote " << train.string() << " (" << split.train.X.n_cols << " samples) and "
            << test.string() << " (" << split.test.X.n_cols << " samples)\n";
  return 0;
}

} // namespace nnlab::runner
