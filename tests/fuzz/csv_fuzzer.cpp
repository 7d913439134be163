// libFuzzer target: CSV bytes -> a data split, through the csv dataset plugin as the runner
// loads it: header, cells, labels (integer or names), the stratified split or a train/test
// pair, standardisation and the split's checks. Input: the file's text; a line "---"
// splits it into a train and a test file, else it is one `file` split 70/30. A clear
// nnlab::Error is the expected answer to a bad file; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <unistd.h>

#include "nnlab/config/run_config.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/plugin/registry.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace fs = std::filesystem;

namespace {

nnlab::Registry& registry() {
  static nnlab::Registry instance({nnlab::Registry::default_folder()});
  return instance;
}

/// This process's scratch folder (libFuzzer may run several processes with -jobs).
const fs::path& scratch() {
  static const fs::path folder = [] {
    fs::path dir = fs::temp_directory_path() / ("nnlab-csv-fuzzer-" + std::to_string(getpid()));
    fs::create_directories(dir);
    return dir;
  }();
  return folder;
}

void write_file(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string yaml = "plugin: csv\nlabel: y\n";
  if (const auto cut = text.find("\n---\n"); cut != std::string::npos) {
    write_file(scratch() / "train.csv", text.substr(0, cut + 1));
    write_file(scratch() / "test.csv", text.substr(cut + 5));
    yaml += "train: train.csv\ntest: test.csv\nstandardize: true\n";
  } else {
    write_file(scratch() / "data.csv", text);
    yaml += "file: data.csv\ntest_fraction: 0.3\n";
  }
  try {
    const nnlab::PluginBlock block = nnlab::read_plugin_block(
        nnlab::parse_yaml(yaml, "csv_fuzzer"), "dataset", nnlab::PluginKind::dataset, scratch());
    const nnlab::DataSplit split = registry().create_dataset(block)->load();
    // What the engine relies on from any split that loads.
    if (split.train.X.n_cols != split.train.y.n_elem ||
        split.test.X.n_cols != split.test.y.n_elem || split.train.X.n_rows != split.test.X.n_rows) {
      std::cerr << "csv_fuzzer: the split's shapes do not agree\n";
      std::abort();
    }
  } catch (const nnlab::Error&) {
    return 0; // bad file, told clearly: what the reader must do
  } catch (const std::exception& e) {
    std::cerr << "csv_fuzzer: not an nnlab::Error: " << e.what() << '\n';
    std::abort();
  }
  return 0;
}
