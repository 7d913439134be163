#include "nnlab/config/sweep.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "nnlab/config/extends.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/hash.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/core/rng.hpp"

namespace nnlab {

namespace {

const std::vector<std::string> sections{"dataset", "model", "loss", "optimizer", "training"};

// Random sweeps draw from their own stream of the experiment seed: this tags it.
constexpr std::uint64_t random_sweep_stream = 0x72616e646f6d5357; // "randomSW"

// A random-mode value: {uniform: [low, high]}, {loguniform: ...}, {int: ...} or a choice.
struct Distribution {
  enum class Kind { uniform, loguniform, integer, choice } kind = Kind::choice;
  double low = 0, high = 0;         // int bounds too: exact up to 2^53
  const ConfigNode* args = nullptr; // the bounds, or the values to choose from
};

struct Axis {
  std::string key;               // as written: "optimizer.learning_rate"
  std::vector<std::string> path; // {"optimizer", "learning_rate"}
  std::string label_key;         // "learning_rate" (the full key when ambiguous)
  const ConfigNode* values = nullptr;
  Distribution draw; // random mode only
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

[[noreturn]] void bad_bounds(const ConfigNode& args, const std::string& path,
                             const std::string& expected) {
  throw ConfigError(args.location().str() + ": " + path + ": expected " + expected + ", got " +
                    (args.is_sequence() ? args.flow() : args.describe()));
}

Distribution read_distribution(const ConfigNode& value, const std::string& path) {
  Distribution d;
  d.args = &value;
  if (value.is_sequence() && !value.items().empty()) return d; // a plain list is a choice
  if (!value.is_map() || value.entries().size() != 1)
    value.fail(path, "a list of values or a distribution such as {uniform: [low, high]}");
  const ConfigNode::Entry& entry = value.entries().front();
  const std::vector<std::string> kinds{"uniform", "loguniform", "int", "choice"};
  const auto it = std::find(kinds.begin(), kinds.end(), entry.key);
  if (it == kinds.end()) {
    const auto guess = closest_name(entry.key, kinds);
    throw ConfigError(entry.key_at.str() + ": " + path + ": unknown distribution '" + entry.key +
                      "'" + (guess ? "; did you mean '" + *guess + "'?" : ";") +
                      " known: " + join_sorted(kinds));
  }
  d.kind = static_cast<Distribution::Kind>(it - kinds.begin());
  d.args = &entry.value;
  const ConfigNode& args = entry.value;
  const std::string where = path + "." + entry.key;
  if (d.kind == Distribution::Kind::choice) {
    if (!args.is_sequence() || args.items().empty())
      bad_bounds(args, where, "a non-empty list of values");
    return d;
  }
  const bool integer = d.kind == Distribution::Kind::integer;
  const bool log = d.kind == Distribution::Kind::loguniform;
  const std::string expected = integer ? "[low, high], integers with low <= high"
                               : log   ? "[low, high] with 0 < low < high"
                                       : "[low, high] with low < high";
  if (!args.is_sequence() || args.items().size() != 2) bad_bounds(args, where, expected);
  const auto read = [&](const ConfigNode& bound) {
    return integer ? static_cast<double>(bound.as_integer(where)) : bound.as_number(where);
  };
  try {
    d.low = read(args.items()[0]);
    d.high = read(args.items()[1]);
  } catch (const ConfigError&) {
    bad_bounds(args, where, expected);
  }
  const bool ok = integer ? d.low <= d.high && -0x1p53 <= d.low && d.high <= 0x1p53
                          : d.low < d.high && (!log || d.low > 0);
  if (!ok) bad_bounds(args, where, expected);
  return d;
}

std::vector<Axis> read_axes(const Experiment& e) {
  std::vector<Axis> axes;
  if (!e.sweep.is_map()) return axes;
  for (const auto& entry : e.sweep.entries()) {
    if (entry.key == "mode" || entry.key == "samples") continue;
    Axis axis{entry.key, split_path(entry.key), "", &entry.value, {}};
    const bool empty_part = std::any_of(axis.path.begin(), axis.path.end(),
                                        [](const std::string& p) { return p.empty(); });
    if (empty_part || std::find(sections.begin(), sections.end(), axis.path[0]) == sections.end()) {
      std::string message = entry.key_at.str() + ": sweep." + entry.key +
                            ": expected a key path starting with one of " + join_sorted(sections);
      if (const auto guess = closest_name(axis.path[0], sections))
        message += " (did you mean '" + *guess + "'?)";
      throw ConfigError(message);
    }
    if (e.sweep_mode == SweepMode::random)
      axis.draw = read_distribution(entry.value, "sweep." + entry.key);
    else if (!entry.value.is_sequence() || entry.value.items().empty())
      entry.value.fail("sweep." + entry.key, "a non-empty list of values");
    if (e.sweep_mode == SweepMode::zip && !axes.empty() &&
        entry.value.items().size() != axes.front().values->items().size())
      throw ConfigError(entry.value.location().str() + ": sweep." + entry.key +
                        ": expected a list of " +
                        std::to_string(axes.front().values->items().size()) + " values (as sweep." +
                        axes.front().key + "), got " + std::to_string(entry.value.items().size()));
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
    merge_into(*target, value, axis.key);
  else
    node->set(axis.path.back(), value, value.location());
}

// Numbers in their canonical form, so 1e-2 and 0.010 both label as 0.01.
std::string text_label(const ConfigNode& value) {
  if (value.is_scalar() && value.canonical().front() != '"' && value.canonical() != "true" &&
      value.canonical() != "false")
    return value.canonical();
  return value.flow();
}

std::string value_label(const ConfigNode& value) {
  if (!value.is_map()) return text_label(value);
  const ConfigNode* plugin = value.find("plugin");
  if (!plugin) return value.flow();
  std::string label = plugin->text(), details;
  for (const auto& entry : value.entries())
    if (entry.key != "plugin")
      details += (details.empty() ? "" : ", ") + entry.key + "=" + text_label(entry.value);
  return details.empty() ? label : label + "(" + details + ")";
}

struct Point {
  ConfigNode config;
  std::vector<std::pair<std::string, std::string>> labels;
};

Point make_point(const Experiment& e, const std::vector<Axis>& axes,
                 const std::vector<ConfigNode>& values) {
  Point point{e.base, {}};
  for (std::size_t a = 0; a < axes.size(); ++a) {
    apply(point.config, axes[a], values[a]);
    point.labels.emplace_back(axes[a].label_key, value_label(values[a]));
  }
  return point;
}

// Cartesian product (grid): the last axis turns fastest, so the first key varies slowest.
// Zip: the i-th value of every list.
std::vector<Point> listed_points(const Experiment& e, const std::vector<Axis>& axes) {
  std::vector<Point> points;
  std::vector<std::size_t> at(axes.size(), 0);
  while (true) {
    std::vector<ConfigNode> values;
    for (std::size_t a = 0; a < axes.size(); ++a)
      values.push_back(axes[a].values->items()[at[a]]);
    points.push_back(make_point(e, axes, values));
    if (e.sweep_mode == SweepMode::zip) {
      if (axes.empty() || ++at.front() == axes.front().values->items().size()) break;
      std::fill(at.begin(), at.end(), at.front());
      continue;
    }
    std::size_t a = axes.size();
    while (a > 0 && ++at[a - 1] == axes[a - 1].values->items().size())
      at[--a] = 0;
    if (a == 0) break;
  }
  return points;
}

std::string number_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// A drawn number kept to 4 significant digits, so that run tables, labels and legends stay
// readable and a point can be typed back in; the unrounded value when rounding would leave
// [low, high).
double readable(double x, double low, double high) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", x);
  const double rounded = std::strtod(text, nullptr);
  return rounded >= low && rounded < high ? rounded : x;
}

ConfigNode draw(const Distribution& d, Rng& rng) {
  const SourceLocation& at = d.args->location();
  switch (d.kind) {
  case Distribution::Kind::uniform:
    return ConfigNode::scalar(number_text(readable(rng.uniform(d.low, d.high), d.low, d.high)), at);
  case Distribution::Kind::loguniform: {
    const double x = std::exp(rng.uniform(std::log(d.low), std::log(d.high)));
    return ConfigNode::scalar(number_text(readable(x, d.low, d.high)), at);
  }
  case Distribution::Kind::integer: {
    const auto count = static_cast<std::uint64_t>(d.high - d.low) + 1;
    return ConfigNode::scalar(std::to_string(static_cast<std::int64_t>(d.low) +
                                             static_cast<std::int64_t>(rng.below(count))),
                              at);
  }
  case Distribution::Kind::choice: return d.args->items()[rng.below(d.args->items().size())];
  }
  return ConfigNode::null(at);
}

// Point by point, keys in the order written, from one stream of the experiment seed: the
// same experiment draws the same points, and more samples only add points at the end. A
// point equal to an earlier one is drawn again (discrete distributions repeat).
std::vector<Point> random_points(const Experiment& e, const std::vector<Axis>& axes) {
  Rng rng(mix_seed(e.seed, random_sweep_stream));
  std::vector<Point> points;
  std::set<std::string> seen;
  const std::size_t max_draws = 100 * e.samples;
  for (std::size_t draws = 0; points.size() < e.samples; ++draws) {
    if (draws == max_draws)
      throw ConfigError(e.sweep.find("samples")->location().str() + ": sweep.samples: " +
                        std::to_string(e.samples) + " different points wanted, " +
                        std::to_string(points.size()) + " found in " + std::to_string(draws) +
                        " draws (do the distributions hold that many values?)");
    std::vector<ConfigNode> values;
    for (const auto& axis : axes)
      values.push_back(draw(axis.draw, rng));
    Point point = make_point(e, axes, values);
    if (seen.insert(point.config.canonical()).second) points.push_back(std::move(point));
  }
  return points;
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

namespace {
// What a run computes, not how it is kept: checkpoints do not change a run's results, so
// they do not change its id (nor its random numbers, which come from the id).
std::uint64_t id_hash(ConfigNode config, std::uint64_t experiment_seed) {
  if (ConfigNode* training = config.find("training"); training && training->is_map())
    training->erase("checkpoint_every");
  return fnv1a64(config.canonical() + "|experiment_seed=" + std::to_string(experiment_seed));
}
} // namespace

std::string run_id(const ConfigNode& config, std::uint64_t experiment_seed) {
  return to_hex(id_hash(config, experiment_seed));
}

RunSpec make_run_spec(ConfigNode config, std::uint64_t experiment_seed,
                      const std::filesystem::path& base_dir) {
  RunSpec run;
  const std::uint64_t hash = id_hash(config, experiment_seed);
  run.id = to_hex(hash);
  run.rng_seed = mix_seed(experiment_seed, hash);
  run.parsed = parse_run_config(config, base_dir);
  if (const ConfigNode* seed = config.find("seed"))
    run.seed = static_cast<std::uint64_t>(seed->as_integer("seed"));
  run.config = std::move(config);
  return run;
}

std::vector<RunSpec> expand_sweep(const Experiment& e) {
  const std::vector<Axis> axes = read_axes(e);
  const std::vector<Point> points =
      e.sweep_mode == SweepMode::random ? random_points(e, axes) : listed_points(e, axes);
  std::vector<RunSpec> runs;
  std::map<std::string, std::size_t> index_of;
  for (const Point& point : points) {
    for (const std::uint64_t seed : e.seeds) {
      ConfigNode config = point.config;
      config.set("seed", ConfigNode::scalar(std::to_string(seed)));
      const std::string id = run_id(config, e.seed);
      if (const auto [it, fresh] = index_of.emplace(id, runs.size()); !fresh)
        throw ConfigError(e.file.string() + ": sweep: runs " + std::to_string(it->second + 1) +
                          " and " + std::to_string(runs.size() + 1) +
                          " have the same configuration (a value repeats in a sweep list?)");
      RunSpec run = make_run_spec(std::move(config), e.seed, e.base_dir);
      run.point = point.labels;
      run.index = runs.size();
      runs.push_back(std::move(run));
    }
  }
  return runs;
}

} // namespace nnlab
