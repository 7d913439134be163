#include "nnlab/config/run_config.hpp"

#include <algorithm>
#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/model/weights_file.hpp"
#include "nnlab/train/early_stopping.hpp"
#include "nnlab/train/lr_schedule.hpp"
#include "nnlab/train/monitor.hpp"

namespace nnlab {

namespace {

bool valid_plugin_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// `tanh`, or a map with the activation's parameter: {kind: leaky_relu, slope: 0.2}.
Activation read_activation(const ConfigNode& node, const std::string& path, bool hidden) {
  const ConfigNode* kind = &node;
  if (node.is_map()) {
    node.check_keys(path, {"kind", "slope"});
    kind = &node.require("kind", path, "the activation's name");
  }
  const std::string name = kind->as_string(node.is_map() ? path + ".kind" : path);
  auto activation = Activation::from_name(name);
  std::vector<std::string> allowed;
  for (const auto& candidate : Activation::names())
    if (!hidden || !Activation::from_name(candidate)->output_only()) allowed.push_back(candidate);
  if (!activation || (hidden && activation->output_only()))
    kind->fail(node.is_map() ? path + ".kind" : path,
               "one of " + join_sorted(allowed) +
                   (activation ? " (" + name + " is for the output layer only)" : ""));
  if (const ConfigNode* slope = node.is_map() ? node.find("slope") : nullptr) {
    if (activation->kind() != Activation::Kind::leaky_relu)
      slope->fail(path + ".slope", "no slope: only leaky_relu has one");
    const double value = slope->as_number(path + ".slope");
    if (!(value >= 0.0 && value < 1.0)) slope->fail(path + ".slope", "a number in [0, 1)");
    activation = Activation(Activation::Kind::leaky_relu, value);
  }
  return *activation;
}

// {kind: file, path: w.h5, group: /runs/<id>/weights}: the path resolves against the
// experiment's folder, as dataset files do; the file itself is read once the model's shape
// is known (check_init).
void read_init_file(const ConfigNode& node, const std::filesystem::path& base_dir, InitSpec& init) {
  const std::string path = "model.init";
  node.check_keys(path, {"kind", "path", "group"});
  const ConfigNode& file = node.require("path", path, "the weights file (.h5, .hdf5 or .csv)");
  const std::filesystem::path written = file.as_string(path + ".path");
  if (!is_hdf5_weights(written) && !is_csv_weights(written))
    file.fail(path + ".path", "an HDF5 (.h5, .hdf5) or CSV (.csv) weights file");
  init.path =
      written.is_absolute() || base_dir.empty() ? written : (base_dir / written).lexically_normal();
  init.path_at = file.location();
  if (const ConfigNode* group = node.find("group")) {
    if (!is_hdf5_weights(written))
      group->fail(path + ".group", "no group: only an HDF5 file has groups");
    init.group = group->as_string(path + ".group");
  }
}

InitSpec read_init(const ConfigNode& node, const std::filesystem::path& base_dir) {
  const std::string path = "model.init";
  if (!node.is_map()) node.fail(path, "a map such as {kind: uniform, low: 0.0, high: 1.0}");
  InitSpec init;
  if (const ConfigNode* kind = node.find("kind")) {
    const auto chosen = init_kind_from(kind->as_string(path + ".kind"));
    if (!chosen) kind->fail(path + ".kind", "one of " + join_sorted(init_kind_names()));
    init.kind = *chosen;
  }
  switch (init.kind) {
  case InitSpec::Kind::uniform:
    node.check_keys(path, {"kind", "low", "high"});
    if (const ConfigNode* low = node.find("low")) init.low = low->as_number(path + ".low");
    if (const ConfigNode* high = node.find("high")) init.high = high->as_number(path + ".high");
    if (!(init.low < init.high))
      node.fail(path, "low < high (got low " + std::to_string(init.low) + ")");
    break;
  case InitSpec::Kind::normal:
    node.check_keys(path, {"kind", "mean", "std"});
    if (const ConfigNode* mean = node.find("mean")) init.mean = mean->as_number(path + ".mean");
    if (const ConfigNode* std = node.find("std")) {
      init.std = std->as_number(path + ".std");
      if (!(init.std > 0) || !std::isfinite(init.std)) std->fail(path + ".std", "a number > 0");
    }
    break;
  case InitSpec::Kind::file: read_init_file(node, base_dir, init); break;
  default: node.check_keys(path, {"kind"}); // the rule fixes the scale
  }
  return init;
}

ModelConfig read_model(const ConfigNode& node, const std::filesystem::path& base_dir) {
  node.check_keys("model", {"layers", "activations", "hidden_activation", "output_activation",
                            "init", "precision"});
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
  const ConfigNode* output = node.find("output_activation");
  std::string output_path = "model.output_activation";
  if (output) model.output = read_activation(*output, output_path, false);
  // Or one activation per layer: activations: [relu, relu, sigmoid].
  if (const ConfigNode* list = node.find("activations")) {
    for (const char* key : {"hidden_activation", "output_activation"})
      if (const ConfigNode* shorthand = node.find(key))
        shorthand->fail(std::string("model.") + key,
                        "no " + std::string(key) + " beside model.activations (one or the other)");
    if (!list->is_sequence() || list->items().size() != model.layers.size())
      list->fail("model.activations", "a list of " + std::to_string(model.layers.size()) +
                                          " activations, one per layer of model.layers");
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      const bool last = i + 1 == list->items().size();
      model.per_layer.push_back(
          read_activation(list->items()[i], "model.activations[" + std::to_string(i) + "]", !last));
    }
    model.output = model.per_layer.back();
    output = &list->items().back();
    output_path = "model.activations[" + std::to_string(model.layers.size() - 1) + "]";
  }
  if (output && model.output.output_only() && model.layers.back() == 1)
    output->fail(output_path, "sigmoid for a single output (softmax over one unit is always 1)");
  if (const ConfigNode* init = node.find("init")) model.init = read_init(*init, base_dir);
  if (const ConfigNode* precision = node.find("precision")) {
    const auto chosen = precision_from(precision->as_string("model.precision"));
    if (!chosen) precision->fail("model.precision", "one of " + join_sorted(precision_names()));
    model.precision = *chosen;
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

LrScheduleSettings read_lr_schedule(const ConfigNode& node) {
  const std::string path = "training.lr_schedule";
  LrScheduleSettings schedule;
  // `step` or {kind: step, drop: 0.5, every: 1000}.
  const ConfigNode& kind = node.is_map() ? node.require("kind", path, "the schedule's name") : node;
  const std::string kind_path = node.is_map() ? path + ".kind" : path;
  const auto chosen = lr_schedule_from(kind.as_string(kind_path));
  if (!chosen) kind.fail(kind_path, "one of " + join_sorted(lr_schedule_names()));
  schedule.kind = *chosen;
  if (!node.is_map()) return schedule;
  const auto fraction = [&](const char* key, double& out) {
    if (const ConfigNode* value = node.find(key)) {
      out = value->as_number(path + "." + key);
      if (!(out > 0.0 && out <= 1.0)) value->fail(path + "." + key, "a number in (0, 1]");
    }
  };
  const auto count = [&](const char* key, arma::uword& out) {
    if (const ConfigNode* value = node.find(key)) {
      const std::int64_t n = value->as_integer(path + "." + key);
      if (n < 1) value->fail(path + "." + key, "an integer of at least 1");
      out = static_cast<arma::uword>(n);
    }
  };
  const auto non_negative = [&](const char* key, double& out) {
    if (const ConfigNode* value = node.find(key)) {
      out = value->as_number(path + "." + key);
      if (!(out >= 0.0) || !std::isfinite(out)) value->fail(path + "." + key, "a number >= 0");
    }
  };
  using Kind = LrScheduleSettings::Kind;
  switch (schedule.kind) {
  case Kind::constant: node.check_keys(path, {"kind"}); break;
  case Kind::step:
    node.check_keys(path, {"kind", "drop", "every"});
    fraction("drop", schedule.drop);
    count("every", schedule.every);
    break;
  case Kind::exponential:
    node.check_keys(path, {"kind", "gamma"});
    fraction("gamma", schedule.gamma);
    break;
  case Kind::invscaling:
    node.check_keys(path, {"kind", "power_t"});
    non_negative("power_t", schedule.power_t);
    break;
  case Kind::adaptive:
    node.check_keys(path, {"kind", "patience", "tol", "monitor"});
    count("patience", schedule.patience);
    non_negative("tol", schedule.tol);
    if (const ConfigNode* monitor = node.find("monitor")) {
      const auto which = monitor_from(monitor->as_string(path + ".monitor"));
      if (!which) monitor->fail(path + ".monitor", "one of " + join_sorted(monitor_names()));
      schedule.monitor = *which;
    }
    break;
  }
  return schedule;
}

arma::uword read_count(const ConfigNode& node, const std::string& path) {
  const std::int64_t n = node.as_integer(path);
  if (n < 1) node.fail(path, "an integer of at least 1");
  return static_cast<arma::uword>(n);
}

double read_non_negative(const ConfigNode& node, const std::string& path) {
  const double value = node.as_number(path);
  if (!(value >= 0.0) || !std::isfinite(value)) node.fail(path, "a number >= 0");
  return value;
}

TrainSettings read_training(const ConfigNode& node, const ConfigNode& optimizer) {
  node.check_keys("training", {"iterations", "epochs", "batch_size", "shuffle", "lr_schedule",
                               "weight_decay", "clip_norm", "checkpoint_every", "early_stopping"});
  TrainSettings settings;
  const ConfigNode* iterations = node.find("iterations");
  const ConfigNode* epochs = node.find("epochs");
  if (iterations && epochs)
    epochs->fail("training.epochs", "no epochs beside training.iterations (one or the other)");
  if (!iterations && !epochs)
    node.fail("training", "training.iterations (number of updates) or training.epochs");
  if (iterations) settings.iterations = read_count(*iterations, "training.iterations");
  if (epochs) settings.epochs = read_count(*epochs, "training.epochs");
  if (const ConfigNode* batch = node.find("batch_size"))
    settings.batch_size = read_count(*batch, "training.batch_size");
  if (const ConfigNode* shuffle = node.find("shuffle"))
    settings.shuffle = shuffle->as_bool("training.shuffle");
  if (const ConfigNode* schedule = node.find("lr_schedule"))
    settings.lr_schedule = read_lr_schedule(*schedule);
  if (const ConfigNode* decay = node.find("weight_decay"))
    settings.weight_decay = read_non_negative(*decay, "training.weight_decay");
  if (const ConfigNode* clip = node.find("clip_norm")) {
    settings.clip_norm = read_non_negative(*clip, "training.clip_norm");
    if (settings.clip_norm == 0.0) clip->fail("training.clip_norm", "a number > 0");
  }
  if (const ConfigNode* every = node.find("checkpoint_every"))
    settings.checkpoint_every = read_count(*every, "training.checkpoint_every");
  if (const ConfigNode* stopping = node.find("early_stopping"))
    settings.early_stopping = read_early_stopping(*stopping);
  const ConfigNode& rate = optimizer.require("learning_rate", "optimizer", "the step size alpha");
  settings.learning_rate = rate.as_number("optimizer.learning_rate");
  if (!(settings.learning_rate > 0)) rate.fail("optimizer.learning_rate", "a number > 0");
  return settings;
}

} // namespace

Architecture ModelConfig::architecture(arma::uword n_inputs) const {
  return Architecture{n_inputs, layers, hidden, output, per_layer, precision};
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
  if (!valid_plugin_name(block.name)) {
    // Security: a library is loaded only by name, from the folders the user chose.
    const bool path_like = block.name.find_first_of("/\\.") != std::string::npos;
    name.fail(path + ".plugin",
              std::string("a plugin name (a-z, 0-9 and _ only)") +
                  (path_like ? ", never a path: plugins load by name from the plugin search "
                               "path (--plugin-path, NNLAB_PLUGIN_PATH; runner list shows it)"
                             : ""));
  }
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
  run.model = read_model(resolved.require("model", "experiment", "{layers: [...]}"), base_dir);
  if (run.model.init.kind == InitSpec::Kind::numpy_legacy) {
    // np.random.seed(s) takes 0 <= s < 2^32: the run's seed is s.
    const ConfigNode* seed = resolved.find("seed");
    const std::int64_t s = seed ? seed->as_integer("seed") : 0;
    if (s < 0 || s > 0xffffffffLL)
      seed->fail("seed", "a seed in [0, 2^32) for model.init.kind numpy_legacy (np.random.seed)");
    run.model.init.seed = static_cast<std::uint64_t>(s);
  }
  run.training =
      read_training(resolved.require("training", "experiment", "{iterations: N}"), optimizer);
  return run;
}

} // namespace nnlab
