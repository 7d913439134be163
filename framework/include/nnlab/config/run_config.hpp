#pragma once

#include <armadillo>
#include <filesystem>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/model/activation.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/model/precision.hpp"
#include "nnlab/plugin/plugin_block.hpp"
#include "nnlab/plugin/plugin_info.hpp"
#include "nnlab/train/train_settings.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// The `model` block: layer sizes (hidden and output; the input size comes from the data).
struct NNLAB_EXPORT ModelConfig {
  std::vector<arma::uword> layers;
  Activation hidden{Activation::Kind::tanh};
  Activation output{Activation::Kind::sigmoid};
  std::vector<Activation> per_layer; ///< `activations`, one per layer (empty: hidden/output)
  InitSpec init;
  SourceLocation layers_at; ///< where `layers` was written, for errors found against the data
  Precision precision = Precision::float64; ///< `precision`: what the passes compute in

  Architecture architecture(arma::uword n_inputs) const;
};

/// One run's configuration, every key checked against the core schema. Plugin blocks
/// keep their own keys for the plugin to check (Registry::create_*).
struct RunConfig {
  PluginBlock dataset;
  PluginBlock loss;
  PluginBlock optimizer; ///< its `learning_rate` is the core's: training.learning_rate
  ModelConfig model;
  TrainSettings training;
};

/// Reads a resolved run config (a map with dataset, model, loss, optimizer, training and
/// seed). Throws ConfigError "file:line:col: key.path: expected ..., got ..." on unknown
/// keys (with "did you mean"), missing keys, wrong types and out-of-range numbers.
NNLAB_EXPORT RunConfig parse_run_config(const ConfigNode& resolved,
                                        const std::filesystem::path& base_dir);

/// The keys of each block that belong to the core rather than to the plugin:
/// `plugin` everywhere, and the optimizer's `learning_rate`.
NNLAB_EXPORT const std::vector<std::string>& core_keys(PluginKind kind);

/// Splits a plugin block ({plugin: NAME, ...}) into the plugin's name and its own keys.
/// A missing or malformed name (only a-z, 0-9 and _; never a path) throws ConfigError.
NNLAB_EXPORT PluginBlock read_plugin_block(const ConfigNode& node, const std::string& path,
                                           PluginKind kind, const std::filesystem::path& base_dir);

} // namespace nnlab
