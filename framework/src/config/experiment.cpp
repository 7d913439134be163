#include "nnlab/config/experiment.hpp"

#include <algorithm>

#include "nnlab/config/yaml_source.hpp"
#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

const std::vector<std::string> run_sections{"dataset", "model", "loss", "optimizer", "training"};

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 100 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

std::uint64_t read_seed(const ConfigNode& node, const std::string& path) {
  const std::int64_t value = node.as_integer(path);
  if (value < 0) node.fail(path, "an integer >= 0");
  return static_cast<std::uint64_t>(value);
}

} // namespace

Experiment parse_experiment(const ConfigNode& root, const std::filesystem::path& file,
                            std::string yaml_text) {
  if (!root.is_map())
    throw ConfigError(file.string() + ": expected a map of experiment keys (name, dataset, " +
                      "model, loss, optimizer, training, ...), got " + root.describe());
  std::vector<std::string> keys{"name", "description", "seed", "sweep", "seeds"};
  keys.insert(keys.end(), run_sections.begin(), run_sections.end());
  root.check_keys("", keys);

  Experiment e;
  e.file = file;
  e.base_dir = file.parent_path();
  e.yaml_text = std::move(yaml_text);

  const ConfigNode& name = root.require("name", "experiment", "it names the results folder");
  e.name = name.as_string("name");
  if (!valid_name(e.name))
    name.fail("name", "a name of letters, digits, '_', '-' and '.' (it names the results folder)");
  if (const ConfigNode* description = root.find("description"))
    e.description = description->as_string("description");
  if (const ConfigNode* seed = root.find("seed")) e.seed = read_seed(*seed, "seed");

  e.base = ConfigNode::map(root.location());
  for (const auto& section : run_sections) {
    const ConfigNode::Entry* entry = root.find_entry(section);
    if (!entry) root.require(section, "experiment", "every experiment needs " + section);
    e.base.set(entry->key, entry->value, entry->key_at);
  }

  if (const ConfigNode* sweep = root.find("sweep")) {
    if (!sweep->is_map() && !sweep->is_null())
      sweep->fail("sweep", "a map of key paths to lists of values");
    e.sweep = *sweep;
  }

  if (const ConfigNode* seeds = root.find("seeds")) {
    if (!seeds->is_sequence() || seeds->items().empty())
      seeds->fail("seeds", "a non-empty list of integer seeds, e.g. [1, 2, 3]");
    for (std::size_t i = 0; i < seeds->items().size(); ++i) {
      const std::string path = "seeds[" + std::to_string(i) + "]";
      const std::uint64_t seed = read_seed(seeds->items()[i], path);
      if (std::find(e.seeds.begin(), e.seeds.end(), seed) != e.seeds.end())
        seeds->items()[i].fail(path, "seeds that differ (" + std::to_string(seed) + " repeats)");
      e.seeds.push_back(seed);
    }
  } else {
    e.seeds.push_back(e.seed);
  }
  return e;
}

Experiment load_experiment(const std::filesystem::path& file) {
  std::string text = read_yaml_text(file);
  const ConfigNode root = parse_yaml(text, file.string());
  return parse_experiment(root, file, std::move(text));
}

} // namespace nnlab
