#include "nnlab/config/sweep.hpp"

#include <algorithm>
#include <map>

#include "nnlab/core/error.hpp"
#include "nnlab/core/hash.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/core/rng.hpp"

namespace nnlab {

namespace {

const std::vector<std::string> sections{"dataset", "model", "loss", "optimizer", "training"};

struct Axis {
  std::string key;               // as written: "optimizer.learning_rate"
  std::vector<std::string> path; // {"optimizer", "learning_rate"}
  std::string label_key;         // "learning_rate" (the full key when ambiguous)
  const ConfigNode* values = nullptr;
};

std::vector<std::string> split_path(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

std::vector<Axis> read_axes(const Experiment& e) {
  std::vector<Axis> axes;
  if (!e.sweep.is_map()) return axes;
  for (const auto& entry : e.sweep.entries()) {
    Axis axis{entry.key, split_path(entry.key), "", &entry.value};
    const bool empty_part = std::any_of(axis.path.begin(), axis.path.end(),
                                        [](const std::string& p) { return p.empty(); });
    if (empty_part || std::find(sections.begin(), sections.end(), axis.path[0]) == sections.end()) {
      std::string message = entry.key_at.str() + ": sweep." + entry.key +
                            ": expected a key path starting with one of " + join_sorted(sections);
      if (const auto guess = closest_name(axis.path[0], sections))
        message += " (did you mean '" + *guess + "'?)";
      throw ConfigError(message);
    }
    if (!entry.value.is_sequence() || entry.value.items().empty())
      entry.value.fail("sweep." + entry.key, "a non-empty list of values");
    axis.label_key = axis.path.back();
    axes.push_back(std::move(axis));
  }
  // A label like "low=0.1" is ambiguous when two keys end the same way: use full keys.
  for (auto& axis : axes) {
    const auto same = std::count_if(axes.begin(), axes.end(), [&](const Axis& other) {
      return other.path.back() == axis.path.back();
    });
    if (same > 1) axis.label_key = axis.key;
  }
  return axes;
}

// A block value naming another plugin drops the base block's keys of the old plugin
// (they would be unknown to the new one) but keeps the core's keys (learning_rate).
void merge_block(ConfigNode& base, const ConfigNode& overlay, const std::string& section) {
  const ConfigNode* old_plugin = base.find("plugin");
  const ConfigNode* new_plugin = overlay.find("plugin");
  if (old_plugin && new_plugin && old_plugin->text() != new_plugin->text()) {
    const auto kind = plugin_kind_from(section);
    const std::vector<std::string> keep = kind ? core_keys(*kind) : std::vector<std::string>{};
    ConfigNode kept = ConfigNode::map(base.location());
    for (const auto& entry : base.entries())
      if (std::find(keep.begin(), keep.end(), entry.key) != keep.end())
        kept.set(entry.key, entry.value, entry.key_at);
    base = std::move(kept);
  }
  for (const auto& entry : overlay.entries())
    base.set(entry.key, entry.value, entry.key_at);
}

void apply(ConfigNode& root, const Axis& axis, const ConfigNode& value) {
  ConfigNode* node = &root;
  for (std::size_t i = 0; i + 1 < axis.path.size(); ++i) {
    ConfigNode* child = node->find(axis.path[i]);
    if (!child) {
      node->set(axis.path[i], ConfigNode::map(value.location()), value.location());
      child = node->find(axis.path[i]);
    }
    if (!child->is_map()) value.fail("sweep." + axis.key, "a key path through maps");
    node = child;
  }
  ConfigNode* target = node->find(axis.path.back());
  if (target && target->is_map() && value.is_map())
    merge_block(*target, value, axis.path.size() == 1 ? axis.path[0] : "");
  else
    node->set(axis.path.back(), value, value.location());
}

std::string value_label(const ConfigNode& value) {
  if (!value.is_map()) return value.flow();
  const ConfigNode* plugin = value.find("plugin");
  if (!plugin) return value.flow();
  std::string label = plugin->text(), details;
  for (const auto& entry : value.entries())
    if (entry.key != "plugin")
      details += (details.empty() ? "" : ", ") + entry.key + "=" + entry.value.flow();
  return details.empty() ? label : label + "(" + details + ")";
}

} // namespace

std::string RunSpec::point_label() const {
  std::string label;
  for (const auto& [key, value] : point) {
    if (!label.empty()) label += " ";
    // Plugin blocks read best by their value alone: "momentum(momentum=0.9)".
    label += value.find('(') != std::string::npos || key == "optimizer" || key == "loss" ||
                     key == "dataset"
                 ? value
                 : key + "=" + value;
  }
  return label;
}

std::vector<RunSpec> expand_sweep(const Experiment& e) {
  const std::vector<Axis> axes = read_axes(e);
  std::vector<std::size_t> at(axes.size(), 0);
  std::vector<RunSpec> runs;
  std::map<std::string, std::size_t> index_of;
  while (true) {
    ConfigNode config = e.base;
    std::vector<std::pair<std::string, std::string>> point;
    for (std::size_t a = 0; a < axes.size(); ++a) {
      const ConfigNode& value = axes[a].values->items()[at[a]];
      apply(config, axes[a], value);
      point.emplace_back(axes[a].label_key, value_label(value));
    }
    for (const std::uint64_t seed : e.seeds) {
      RunSpec run;
      run.config = config;
      run.config.set("seed", ConfigNode::scalar(std::to_string(seed)));
      run.seed = seed;
      run.point = point;
      run.index = runs.size();
      const std::uint64_t hash =
          fnv1a64(run.config.canonical() + "|experiment_seed=" + std::to_string(e.seed));
      run.id = to_hex(hash);
      run.rng_seed = mix_seed(e.seed, hash);
      if (const auto [it, fresh] = index_of.emplace(run.id, run.index); !fresh)
        throw ConfigError(e.file.string() + ": sweep: runs " + std::to_string(it->second + 1) +
                          " and " + std::to_string(run.index + 1) +
                          " have the same configuration (a value repeats in a sweep list?)");
      run.parsed = parse_run_config(run.config, e.base_dir);
      runs.push_back(std::move(run));
    }
    // Odometer: the last axis turns fastest, so the first key written varies slowest.
    std::size_t a = axes.size();
    while (a > 0 && ++at[a - 1] == axes[a - 1].values->items().size())
      at[--a] = 0;
    if (a == 0) break;
  }
  return runs;
}

} // namespace nnlab
