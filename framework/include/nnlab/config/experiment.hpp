#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// How a sweep's keys make points: every combination (grid), lists advanced together (zip),
/// `samples` points drawn from distributions (random), or rounds of points proposed by a
/// tree-structured Parzen estimator from the results of the rounds before (tpe).
enum class SweepMode { grid, zip, random, tpe };

/// An experiment file with its top level checked:
///   name, seed, description, dataset, model, loss, optimizer, training, sweep, seeds, repeats
/// after `extends` and command-line overrides are applied. The run template
/// (dataset..training) is kept as a ConfigNode; each run's config is checked in full when
/// the sweep expands it.
struct Experiment {
  std::filesystem::path file;     ///< as given on the command line
  std::filesystem::path base_dir; ///< the file's folder: relative paths resolve here
  std::string yaml_text;          ///< the file as written (not its bases)
  std::string name;
  std::string description;
  std::uint64_t seed = 0;
  ConfigNode base;  ///< map: dataset, model, loss, optimizer, training
  ConfigNode sweep; ///< map as written: key path -> values, mode, samples (null when absent)
  SweepMode sweep_mode = SweepMode::grid;
  std::size_t samples = 0; ///< random mode: how many points to draw
  /// tpe mode: `warmup` random points first, then `rounds` rounds of `batch` proposals each;
  /// `monitor` is the series judged (empty: cost_valid when the runs store it, else cost_test)
  std::size_t tpe_batch = 0, tpe_rounds = 0, tpe_warmup = 0;
  std::string monitor;
  std::vector<std::uint64_t> seeds;   ///< each run once per seed: `seeds`, 1..repeats or [seed]
  std::vector<std::string> overrides; ///< as given ("optimizer.learning_rate=0.1")
  std::vector<std::filesystem::path> sources; ///< every YAML file read, this one first
};

/// Reads and checks an experiment file: resolves `extends`, applies `overrides`
/// ("key.path=value", see apply_overrides), then checks. Unknown or missing keys, wrong
/// types and bad names throw ConfigError "file:line:col: key: ..." ("command line: key: ..."
/// for a value given as an override).
NNLAB_EXPORT Experiment load_experiment(const std::filesystem::path& file,
                                        const std::vector<std::string>& overrides = {});

/// The same from parsed YAML (`file` names it, gives base_dir and resolves `extends`).
NNLAB_EXPORT Experiment parse_experiment(const ConfigNode& root, const std::filesystem::path& file,
                                         std::string yaml_text,
                                         const std::vector<std::string>& overrides = {});

} // namespace nnlab
