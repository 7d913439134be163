#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "nnlab/config/config_node.hpp"
#include "nnlab/export.hpp"

namespace nnlab {

/// An experiment file with its top level checked:
///   name, seed, description, dataset, model, loss, optimizer, training, sweep, seeds.
/// The run template (dataset..training) is kept as a ConfigNode; each run's config is
/// checked in full when the sweep expands it.
struct Experiment {
  std::filesystem::path file;     ///< as given on the command line
  std::filesystem::path base_dir; ///< the file's folder: relative paths resolve here
  std::string yaml_text;          ///< the file as written
  std::string name;
  std::string description;
  std::uint64_t seed = 0;
  ConfigNode base;                  ///< map: dataset, model, loss, optimizer, training
  ConfigNode sweep;                 ///< map: key path -> list of values (null when absent)
  std::vector<std::uint64_t> seeds; ///< each run once per seed: `seeds`, else [seed]
};

/// Reads and checks an experiment file. Unknown or missing keys, wrong types and bad
/// names throw ConfigError "file:line:col: key: ...".
NNLAB_EXPORT Experiment load_experiment(const std::filesystem::path& file);

/// The same from parsed YAML (`file` only names it and gives base_dir).
NNLAB_EXPORT Experiment parse_experiment(const ConfigNode& root, const std::filesystem::path& file,
                                         std::string yaml_text);

} // namespace nnlab
