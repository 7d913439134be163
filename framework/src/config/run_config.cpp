#include "nnlab/config/run_config.hpp"

#include <algorithm>
#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/train/early_stopping.hpp"

namespace nnlab {

namespace {

bool valid_plugin_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Activation read_activation(const ConfigNode& node, const std::string& path, bool hidden) {
  const std::string name = node.as_string(path);
  const auto activation = Activation::from_name(name);
  std::vector<std::string> allowed;
  for (const auto& candidate : Activation::names())
    if (!hidden || !Activation::from_name(candidate)->output_only()) allowed.push_back(candidate);
  if (!activation || (hidden && activation->output_only()))
    node.fail(path, "one of " + join_sorted(allowed) +
                        (activation ? " (" + name + " is for the output layer only)" : ""));
  return *activation;
}

ModelConfig read_model(const ConfigNode& node) {
  node.check_keys("model", {"layers", "hidden_activation", "output_activation", "init"});
  ModelConfig model;
  const ConfigNode& layers = node.require("layers", "model", "hidden and output layer sizes");
  model.layers_at = layers.location();
  if (!layers.is_sequence() || layers.items().empty())
    layers.fail("model.layers", "a non-empty list of layer sizes, e.g. [3, 2, 1]");
  for (std::size_t i = 0; i < layers.items().size(); ++i) {
    const std::string path = "model.layers[" + std::to_string(i) + "]";
    const std::int64_t units = layers.items()[i].as_integer(path);
    if (units < 1) layers.items()[i].fail(path, "a layer size of at least 1");
    model.layers.push_back(static_cast<arma::uword>(units));
  }
  if (const ConfigNode* hidden = node.find("hidden_activation"))
    model.hidden = read_activation(*hidden, "model.hidden_activation", true);
  // One output: a probability (sigmoid); several: a distribution over classes (softmax).
  model.output =
      Activation(model.layers.back() == 1 ? Activation::Kind::sigmoid : Activation::Kind::softmax);
  if (const ConfigNode* output = node.find("output_activation")) {
    model.output = read_activation(*output, "model.output_activation", false);
    if (model.output.output_only() && model.layers.back() == 1)
      output->fail("model.output_activation",
                   "sigmoid for a single output (softmax over one unit is always 1)");
  }
  if (const ConfigNode* init = node.find("init")) {
    init->check_keys("model.init", {"kind", "low", "high"});
    if (const ConfigNode* kind = init->find("kind");
        kind && kind->as_string("model.init.kind") != "uniform")
      kind->fail("model.init.kind", "uniform");
    if (const ConfigNode* low = init->find("low"))
      model.init.low = low->as_number("model.init.low");
    if (const ConfigNode* high = init->find("high"))
      model.init.high = high->as_number("model.init.high");
    if (!(model.init.low < model.init.high))
      init->fail("model.init", "low < high (got low " + std::to_string(model.init.low) + ")");
  }
  return model;
}

EarlyStoppingSettings read_early_stopping(const ConfigNode& node) {
  const std::string path = "training.early_stopping";
  if (!node.is_map()) node.fail(path, "a map such as {patience: 20, min_delta: 0.001}");
  node.check_keys(path, {"patience", "min_delta", "monitor"});
  EarlyStoppingSettings settings;
  const ConfigNode& patience =
      node.require("patience", path, "iterations without improvement before stopping");
  const std::int64_t p = patience.as_integer(path + ".patience");
  if (p < 1) patience.fail(path + ".patience", "an integer of at least 1");
  settings.patience = static_cast<arma::uword>(p);
  if (const ConfigNode* delta = node.find("min_delta")) {
    settings.min_delta = delta->as_number(path + ".min_delta");
    if (!(settings.min_delta >= 0) || !std::isfinite(settings.min_delta))
      delta->fail(path + ".min_delta", "a number >= 0");
  }
  if (const ConfigNode* monitor = node.find("monitor")) {
    const auto chosen = monitor_from(monitor->as_string(path + ".monitor"));
    if (!chosen) monitor->fail(path + ".monitor", "one of " + join_sorted(monitor_names()));
    settings.monitor = *chosen;
  }
  return settings;
}

TrainSettings read_training(const ConfigNode& node, const ConfigNode& optimizer) {
  node.check_keys("training", {"iterations", "checkpoint_every", "early_stopping"});
  TrainSettings settings;
  const ConfigNode& iterations = node.require("iterations", "training", "number of steps");
  const std::int64_t n = iterations.as_integer("training.iterations");
  if (n < 1) iterations.fail("training.iterations", "an integer of at least 1");
  settings.iterations = static_cast<arma::uword>(n);
  if (const ConfigNode* every = node.find("checkpoint_every")) {
    const std::int64_t k = every->as_integer("training.checkpoint_every");
    if (k < 1) every->fail("training.checkpoint_every", "an integer of at least 1");
    settings.checkpoint_every = static_cast<arma::uword>(k);
  }
  if (const ConfigNode* stopping = node.find("early_stopping"))
    settings.early_stopping = read_early_stopping(*stopping);
  const ConfigNode& rate = optimizer.require("learning_rate", "optimizer", "the step size alpha");
  settings.learning_rate = rate.as_number("optimizer.learning_rate");
  if (!(settings.learning_rate > 0)) rate.fail("optimizer.learning_rate", "a number > 0");
  return settings;
}

} // namespace

Architecture ModelConfig::architecture(arma::uword n_inputs) const {
  return Architecture{n_inputs, layers, hidden, output};
}

const std::vector<std::string>& core_keys(PluginKind kind) {
  static const std::vector<std::string> plain{"plugin"};
  static const std::vector<std::string> optimizer{"plugin", "learning_rate"};
  return kind == PluginKind::optimizer ? optimizer : plain;
}

PluginBlock read_plugin_block(const ConfigNode& node, const std::string& path, PluginKind kind,
                              const std::filesystem::path& base_dir) {
  if (!node.is_map()) node.fail(path, "a map such as {plugin: NAME, ...parameters}");
  const ConfigNode& name = node.require("plugin", path, "the name of the " + to_string(kind));
  PluginBlock block;
  block.name = name.as_string(path + ".plugin");
  if (!valid_plugin_name(block.name))
    name.fail(path + ".plugin", "a plugin name (a-z, 0-9 and _ only)");
  block.name_at = name.location();
  block.path = path;
  block.base_dir = base_dir;
  block.core_keys = core_keys(kind);
  block.params = ConfigNode::map(node.location());
  for (const auto& entry : node.entries())
    if (std::find(block.core_keys.begin(), block.core_keys.end(), entry.key) ==
        block.core_keys.end())
      block.params.set(entry.key, entry.value, entry.key_at);
  return block;
}

RunConfig parse_run_config(const ConfigNode& resolved, const std::filesystem::path& base_dir) {
  resolved.check_keys("", {"dataset", "model", "loss", "optimizer", "training", "seed"});
  RunConfig run;
  run.dataset = read_plugin_block(resolved.require("dataset", "experiment", "{plugin: ...}"),
                                  "dataset", PluginKind::dataset, base_dir);
  run.loss = read_plugin_block(resolved.require("loss", "experiment", "{plugin: ...}"), "loss",
                               PluginKind::loss, base_dir);
  const ConfigNode& optimizer = resolved.require("optimizer", "experiment", "{plugin: ...}");
  run.optimizer = read_plugin_block(optimizer, "optimizer", PluginKind::optimizer, base_dir);
  run.model = read_model(resolved.require("model", "experiment", "{layers: [...]}"));
  run.training =
      read_training(resolved.require("training", "experiment", "{iterations: N}"), optimizer);
  return run;
}

} // namespace nnlab
