#include "nnlab/config/experiment.hpp"

#include <algorithm>

#include "nnlab/config/extends.hpp"
#include "nnlab/config/overrides.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/train/series.hpp"
#include "nnlab/yaml/yaml_source.hpp"

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

const char* mode_name(SweepMode mode) {
  switch (mode) {
  case SweepMode::grid: return "grid";
  case SweepMode::zip: return "zip";
  case SweepMode::random: return "random";
  case SweepMode::tpe: return "tpe";
  }
  return "grid";
}

std::size_t read_count(const ConfigNode& node, const std::string& path, std::int64_t low) {
  constexpr std::int64_t most = 1'000'000;
  const std::int64_t n = node.as_integer(path);
  if (n < low || n > most)
    node.fail(path, "an integer in [" + std::to_string(low) + ", " + std::to_string(most) + "]");
  return static_cast<std::size_t>(n);
}

// tpe: batch and rounds are required, warmup defaults to 10 random points (Optuna's
// n_startup_trials), monitor to the validation or test cost (chosen once runs are stored).
void read_tpe_keys(const ConfigNode& sweep, Experiment& e) {
  const char* keys[] = {"batch", "rounds", "warmup"};
  if (e.sweep_mode != SweepMode::tpe) {
    for (const char* key : keys)
      if (const ConfigNode* node = sweep.find(key))
        throw ConfigError(node->location().str() + ": sweep." + key +
                          ": only tpe mode has rounds of proposals (mode is " +
                          mode_name(e.sweep_mode) + ")");
  } else {
    e.tpe_batch =
        read_count(sweep.require("batch", "sweep", "the number of points tpe proposes each round"),
                   "sweep.batch", 1);
    e.tpe_rounds =
        read_count(sweep.require("rounds", "sweep", "the number of rounds of proposals tpe makes"),
                   "sweep.rounds", 0);
    const ConfigNode* warmup = sweep.find("warmup");
    e.tpe_warmup = warmup ? read_count(*warmup, "sweep.warmup", 1) : 10;
  }
  if (const ConfigNode* monitor = sweep.find("monitor")) {
    if (e.sweep_mode != SweepMode::tpe)
      throw ConfigError(monitor->location().str() + ": sweep.monitor: only a search that " +
                        "judges its points reads a monitor (mode is " + mode_name(e.sweep_mode) +
                        ")");
    e.monitor = monitor->as_string("sweep.monitor");
    if (!find_series(e.monitor))
      throw ConfigError(monitor->location().str() + ": sweep.monitor: unknown series '" +
                        e.monitor + "'; known: " + join_sorted(series_names()));
  }
}

void read_sweep(const ConfigNode& sweep, Experiment& e) {
  if (!sweep.is_map() && !sweep.is_null())
    sweep.fail("sweep", "a map of key paths to lists of values");
  e.sweep = sweep;
  if (const ConfigNode* mode = sweep.find("mode")) {
    const std::vector<std::string> modes{"grid", "zip", "random", "tpe"};
    const std::string name = mode->as_string("sweep.mode");
    const auto it = std::find(modes.begin(), modes.end(), name);
    if (it == modes.end()) {
      const auto guess = closest_name(name, modes);
      throw ConfigError(mode->location().str() + ": sweep.mode: unknown mode '" + name + "'" +
                        (guess ? "; did you mean '" + *guess + "'?" : ";") +
                        " known: " + join_sorted(modes));
    }
    e.sweep_mode = static_cast<SweepMode>(it - modes.begin());
  }
  if (e.sweep_mode == SweepMode::random) {
    const ConfigNode& samples =
        sweep.require("samples", "sweep", "the number of points random mode draws");
    const std::int64_t n = samples.as_integer("sweep.samples");
    if (n < 1) samples.fail("sweep.samples", "an integer >= 1");
    e.samples = static_cast<std::size_t>(n);
  } else if (const ConfigNode* samples = sweep.find("samples")) {
    throw ConfigError(samples->location().str() + ": sweep.samples: only random mode draws " +
                      "samples (mode is " + mode_name(e.sweep_mode) + ")");
  }
  read_tpe_keys(sweep, e);
}

void read_seeds(const ConfigNode& root, Experiment& e) {
  const ConfigNode* seeds = root.find("seeds");
  if (const ConfigNode* repeats = root.find("repeats")) {
    if (seeds)
      throw ConfigError(repeats->location().str() + ": repeats: give seeds or repeats, not " +
                        "both (seeds at " + seeds->location().str() + ")");
    const std::int64_t k = repeats->as_integer("repeats");
    // Each repeat is a seed kept in memory before anything runs: far more than any study
    // takes is a typo, refused before the list is made.
    constexpr std::int64_t max_repeats = 10'000'000;
    if (k < 1 || k > max_repeats)
      repeats->fail("repeats", "an integer in [1, " + std::to_string(max_repeats) + "]");
    for (std::int64_t seed = 1; seed <= k; ++seed)
      e.seeds.push_back(static_cast<std::uint64_t>(seed));
  } else if (seeds) {
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
}

} // namespace

Experiment parse_experiment(const ConfigNode& written, const std::filesystem::path& file,
                            std::string yaml_text, const std::vector<std::string>& overrides) {
  if (!written.is_map()) {
    // An empty file has no place to point at; anything else is named where it starts.
    const bool empty =
        written.is_null() && yaml_text.find_first_not_of(" \t\r\n") == std::string::npos;
    throw ConfigError((empty ? file.string() : written.location().str()) +
                      ": expected a map of experiment keys (name, dataset, model, loss, " +
                      "optimizer, training, ...), got " +
                      (empty ? std::string("an empty file") : written.describe()));
  }
  Experiment e;
  e.file = file;
  e.base_dir = file.parent_path();
  e.yaml_text = std::move(yaml_text);
  e.overrides = overrides;
  e.sources.push_back(file);
  ConfigNode root = resolve_extends(written, file, e.sources);
  apply_overrides(root, overrides);

  std::vector<std::string> keys{"name", "description", "seed", "sweep", "seeds", "repeats"};
  keys.insert(keys.end(), run_sections.begin(), run_sections.end());
  root.check_keys("", keys);

  const ConfigNode& name = root.require("name", "experiment", "it names the results folder");
  e.name = name.as_string("name");
  if (!valid_name(e.name))
    name.fail("name", "a name of letters, digits, '_', '-' and '.', not starting with '.' and "
                      "never a path (it names the folder <results>/<name>)");
  if (const ConfigNode* description = root.find("description"))
    e.description = description->as_string("description");
  if (const ConfigNode* seed = root.find("seed")) e.seed = read_seed(*seed, "seed");

  e.base = ConfigNode::map(root.location());
  for (const auto& section : run_sections) {
    const ConfigNode::Entry* entry = root.find_entry(section);
    if (!entry) root.require(section, "experiment", "every experiment needs " + section);
    e.base.set(entry->key, entry->value, entry->key_at);
  }

  if (const ConfigNode* sweep = root.find("sweep")) read_sweep(*sweep, e);
  read_seeds(root, e);
  return e;
}

Experiment load_experiment(const std::filesystem::path& file,
                           const std::vector<std::string>& overrides) {
  std::string text = read_yaml_text(file);
  const ConfigNode root = parse_yaml(text, file.string());
  return parse_experiment(root, file, std::move(text), overrides);
}

} // namespace nnlab
