// The keys an override may set, for shell completion: the core's schema (the keys
// config/run_config.cpp and config/experiment.cpp accept; a test keeps the two lists equal),
// the parameters the named plugins declare, and what the experiment file itself writes.
#include "override_keys.hpp"

#include <algorithm>
#include <set>

#include "nnlab/config/experiment.hpp"
#include "nnlab/model/activation.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/model/precision.hpp"
#include "nnlab/plugin/registry.hpp"
#include "nnlab/train/lr_schedule.hpp"
#include "nnlab/train/monitor.hpp"

namespace nnlab::runner {

namespace {

const std::vector<PluginKind> kinds{PluginKind::dataset, PluginKind::loss, PluginKind::optimizer};

// Every leaf key path under `node` ("training.early_stopping.patience").
void leaf_paths(const ConfigNode& node, const std::string& path, std::set<std::string>& out) {
  if (!node.is_map()) {
    if (!path.empty()) out.insert(path);
    return;
  }
  for (const auto& entry : node.entries())
    leaf_paths(entry.value, path.empty() ? entry.key : path + "." + entry.key, out);
}

// The plugin each block names, in the base and in the sweep's values of that block.
std::set<std::string> plugins_named(const Experiment& experiment, PluginKind kind) {
  std::set<std::string> names;
  const std::string block = to_string(kind);
  if (const ConfigNode* base = experiment.base.find(block))
    if (const ConfigNode* plugin = base->is_map() ? base->find("plugin") : nullptr)
      names.insert(plugin->text());
  if (experiment.sweep.is_map())
    if (const ConfigNode* values = experiment.sweep.find(block)) {
      const auto take = [&](const ConfigNode& value) {
        if (const ConfigNode* plugin = value.is_map() ? value.find("plugin") : nullptr)
          names.insert(plugin->text());
      };
      if (values->is_sequence())
        for (const auto& value : values->items())
          take(value);
      else if (values->is_map())
        if (const ConfigNode* choices = values->find("choice"))
          for (const auto& value : choices->items())
            take(value);
    }
  return names;
}

const ParamSpec* plugin_param(const Experiment& experiment, PluginKind kind,
                              const std::string& param, Registry& registry) {
  for (const auto& name : plugins_named(experiment, kind)) {
    if (registry.file_of(kind, name).empty()) continue;
    for (const auto& spec : registry.describe(kind, name).params)
      if (spec.name == param) return &spec;
  }
  return nullptr;
}

} // namespace

const std::vector<std::string>& core_key_paths() {
  static const std::vector<std::string> keys{"name",
                                             "description",
                                             "seed",
                                             "seeds",
                                             "repeats",
                                             "dataset.plugin",
                                             "loss.plugin",
                                             "optimizer.plugin",
                                             "optimizer.learning_rate",
                                             "model.layers",
                                             "model.activations",
                                             "model.hidden_activation",
                                             "model.output_activation",
                                             "model.init.kind",
                                             "model.init.low",
                                             "model.init.high",
                                             "model.init.mean",
                                             "model.init.std",
                                             "model.init.path",
                                             "model.init.group",
                                             "model.precision",
                                             "training.iterations",
                                             "training.epochs",
                                             "training.batch_size",
                                             "training.shuffle",
                                             "training.lr_schedule.kind",
                                             "training.lr_schedule.drop",
                                             "training.lr_schedule.every",
                                             "training.lr_schedule.gamma",
                                             "training.lr_schedule.power_t",
                                             "training.lr_schedule.patience",
                                             "training.lr_schedule.tol",
                                             "training.lr_schedule.monitor",
                                             "training.weight_decay",
                                             "training.clip_norm",
                                             "training.checkpoint_every",
                                             "training.early_stopping.patience",
                                             "training.early_stopping.min_delta",
                                             "training.early_stopping.monitor",
                                             "sweep.mode",
                                             "sweep.samples"};
  return keys;
}

std::vector<std::string> override_keys(const std::filesystem::path& file, Registry& registry) {
  std::set<std::string> keys(core_key_paths().begin(), core_key_paths().end());
  try {
    const Experiment experiment = load_experiment(file);
    leaf_paths(experiment.base, "", keys);
    if (experiment.sweep.is_map())
      for (const auto& entry : experiment.sweep.entries())
        if (entry.key != "mode" && entry.key != "samples") keys.insert("sweep." + entry.key);
    for (const auto kind : kinds)
      for (const auto& name : plugins_named(experiment, kind)) {
        if (registry.file_of(kind, name).empty()) continue;
        for (const auto& param : registry.describe(kind, name).params)
          keys.insert(to_string(kind) + "." + param.name);
      }
  } catch (const std::exception&) {
    // A file that does not load yet still gets the core's keys.
  }
  std::vector<std::string> out;
  for (const auto& key : keys)
    out.push_back(key + "=");
  return out;
}

std::vector<std::string> override_values(const std::filesystem::path& file, const std::string& key,
                                         Registry& registry) {
  for (const auto kind : kinds)
    if (key == to_string(kind) + ".plugin") return registry.names(kind);
  if (key == "model.output_activation") return Activation::names();
  if (key == "model.hidden_activation") {
    std::vector<std::string> hidden;
    for (const auto& name : Activation::names())
      if (!Activation::from_name(name)->output_only()) hidden.push_back(name);
    return hidden;
  }
  if (key == "model.init.kind") return init_kind_names();
  if (key == "model.precision") return precision_names();
  if (key == "training.lr_schedule.kind") return lr_schedule_names();
  if (key == "training.lr_schedule.monitor" || key == "training.early_stopping.monitor")
    return monitor_names();
  if (key == "sweep.mode") return {"grid", "zip", "random"};
  if (key == "training.shuffle") return {"true", "false"};
  try {
    const Experiment experiment = load_experiment(file);
    for (const auto kind : kinds) {
      const std::string block = to_string(kind) + ".";
      if (key.rfind(block, 0) != 0) continue;
      const ParamSpec* spec = plugin_param(experiment, kind, key.substr(block.size()), registry);
      if (spec && spec->type == ParamType::boolean) return {"true", "false"};
    }
  } catch (const std::exception&) {
  }
  return {};
}

} // namespace nnlab::runner
