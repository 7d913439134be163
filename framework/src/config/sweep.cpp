#include "nnlab/config/sweep.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "distribution.hpp"
#include "nnlab/config/extends.hpp"
#include "nnlab/config/search_space.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/hash.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/core/rng.hpp"

namespace nnlab {

namespace {

const std::vector<std::string> sections{"dataset", "model", "loss", "optimizer", "training"};

// Random sweeps draw from their own stream of the experiment seed: this tags it.
constexpr std::uint64_t random_sweep_stream = 0x72616e646f6d5357; // "randomSW"

struct Axis {
  std::string key;                    // as written: "optimizer.learning_rate"
  std::vector<std::string> path;      // {"optimizer", "learning_rate"}
  std::string label_key;              // "learning_rate" (the full key when ambiguous)
  const ConfigNode* values = nullptr; // the list a point picks from (random: the choices)
  Distribution draw;                  // random mode only
};

// What every run of a sweep is built from, copied from the experiment so that its runs
// outlive it. The axes point into `sweep`.
struct SweepPlan {
  ConfigNode base;
  ConfigNode sweep;
  std::filesystem::path base_dir;
  std::vector<Axis> axes;
};

// One axis's value at a point: an item of the axis's list (grid, zip, a choice), or the
// text of a drawn number (never empty). A few bytes, where the value's tree is hundreds.
struct PointValue {
  std::size_t item = 0;
  std::string drawn;
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

// tpe's own keys, and the monitored series (read by Experiment).
bool is_tpe_key(const std::string& key) {
  return key == "batch" || key == "rounds" || key == "warmup" || key == "monitor";
}

std::vector<Axis> read_axes(const ConfigNode& sweep, SweepMode mode) {
  std::vector<Axis> axes;
  if (!sweep.is_map()) return axes;
  for (const auto& entry : sweep.entries()) {
    if (entry.key == "mode" || entry.key == "samples" || is_tpe_key(entry.key)) continue;
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
    if (mode == SweepMode::random || mode == SweepMode::tpe) {
      axis.draw = read_distribution(entry.value, "sweep." + entry.key);
      if (axis.draw.kind == Distribution::Kind::choice) axis.values = axis.draw.args;
    } else if (!entry.value.is_sequence() || entry.value.items().empty())
      entry.value.fail("sweep." + entry.key, "a non-empty list of values");
    if (mode == SweepMode::zip && !axes.empty() &&
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

ConfigNode value_of(const Axis& axis, const PointValue& value) {
  return value.drawn.empty() ? axis.values->items()[value.item]
                             : ConfigNode::scalar(value.drawn, axis.draw.args->location());
}

// The point's config without its seed: the run template with each axis's value applied.
ConfigNode point_config(const SweepPlan& plan, const std::vector<PointValue>& values) {
  ConfigNode config = plan.base;
  for (std::size_t a = 0; a < plan.axes.size(); ++a)
    apply(config, plan.axes[a], value_of(plan.axes[a], values[a]));
  return config;
}

// A point of the sweep, shared by its runs (one per seed): builds their configs on demand.
class SweepPoint final : public RunSource {
public:
  SweepPoint(std::shared_ptr<const SweepPlan> plan, std::vector<PointValue> values)
      : plan_(std::move(plan)), values_(std::move(values)) {}

  ConfigNode config(std::uint64_t seed) const override {
    ConfigNode config = point_config(*plan_, values_);
    config.set("seed", ConfigNode::scalar(std::to_string(seed)));
    return config;
  }
  const std::filesystem::path& base_dir() const override { return plan_->base_dir; }

private:
  std::shared_ptr<const SweepPlan> plan_;
  std::vector<PointValue> values_;
};

struct Point {
  std::vector<PointValue> values;
  std::vector<std::pair<std::string, std::string>> labels;
};

Point make_point(const SweepPlan& plan, std::vector<PointValue> values) {
  Point point{std::move(values), {}};
  for (std::size_t a = 0; a < plan.axes.size(); ++a)
    point.labels.emplace_back(plan.axes[a].label_key,
                              value_label(value_of(plan.axes[a], point.values[a])));
  return point;
}

// Cartesian product (grid): the last axis turns fastest, so the first key varies slowest.
// Zip: the i-th value of every list. Each point's config is built once here, so that a value
// that does not apply (a key path through a non-map) stops the sweep before any run is read.
std::vector<Point> listed_points(const SweepPlan& plan, SweepMode mode) {
  const std::vector<Axis>& axes = plan.axes;
  std::vector<Point> points;
  std::vector<std::size_t> at(axes.size(), 0);
  while (true) {
    std::vector<PointValue> values;
    for (std::size_t a = 0; a < axes.size(); ++a)
      values.push_back({at[a], {}});
    point_config(plan, values);
    points.push_back(make_point(plan, std::move(values)));
    if (mode == SweepMode::zip) {
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

PointValue draw(const Distribution& d, Rng& rng) {
  switch (d.kind) {
  case Distribution::Kind::uniform:
    return {0, number_text(readable(rng.uniform(d.low, d.high), d.low, d.high))};
  case Distribution::Kind::loguniform: {
    const double x = std::exp(rng.uniform(std::log(d.low), std::log(d.high)));
    return {0, number_text(readable(x, d.low, d.high))};
  }
  case Distribution::Kind::integer: {
    const auto count = static_cast<std::uint64_t>(d.high - d.low) + 1;
    return {0, std::to_string(static_cast<std::int64_t>(d.low) +
                              static_cast<std::int64_t>(rng.below(count)))};
  }
  case Distribution::Kind::choice: return {rng.below(d.args->items().size()), {}};
  }
  return {};
}

// Point by point, keys in the order written, from one stream of the experiment seed: the
// same experiment draws the same points, and more samples only add points at the end. A
// point equal to an earlier one is drawn again (discrete distributions repeat). Points are
// told apart by the hash of their canonical config, as runs are by their ids: a set of
// strings would hold every point's config text at once.
std::vector<Point> random_points(const SweepPlan& plan, std::uint64_t seed, std::size_t samples) {
  Rng rng(mix_seed(seed, random_sweep_stream));
  std::vector<Point> points;
  std::unordered_set<std::uint64_t> seen;
  const std::size_t max_draws = 100 * samples;
  for (std::size_t draws = 0; points.size() < samples; ++draws) {
    if (draws == max_draws) {
      const char* key = plan.sweep.find("samples") ? "samples" : "warmup"; // random, tpe
      const ConfigNode* at = plan.sweep.find(key);
      throw ConfigError((at ? at->location() : plan.sweep.location()).str() + ": sweep." + key +
                        ": " + std::to_string(samples) + " different points wanted, " +
                        std::to_string(points.size()) + " found in " + std::to_string(draws) +
                        " draws (do the distributions hold that many values?)");
    }
    std::vector<PointValue> values;
    for (const auto& axis : plan.axes)
      values.push_back(draw(axis.draw, rng));
    if (seen.insert(fnv1a64(point_config(plan, values).canonical())).second)
      points.push_back(make_point(plan, std::move(values)));
  }
  return points;
}

// Refuses a sweep whose runs would not fit in the budget, counted without expanding it.
void check_size(const Experiment& e, const std::vector<Axis>& axes, const MemoryBudget& budget) {
  std::uint64_t points = 1;
  std::string shape;
  if (e.sweep_mode == SweepMode::random) {
    points = e.samples;
    shape = std::to_string(points) + " samples";
  } else if (e.sweep_mode == SweepMode::tpe) {
    points = saturating_mul(e.tpe_batch, e.tpe_rounds) + e.tpe_warmup;
    shape = std::to_string(points) + " tpe points";
  } else if (e.sweep_mode == SweepMode::zip && !axes.empty()) {
    points = axes.front().values->items().size();
    shape = std::to_string(points) + " zipped points";
  } else {
    for (const auto& axis : axes) {
      points = saturating_mul(points, axis.values->items().size());
      shape += (shape.empty() ? "" : " x ") + std::to_string(axis.values->items().size());
    }
    shape += axes.empty() ? "1 point" : " points";
  }
  const std::uint64_t runs = saturating_mul(points, e.seeds.size());
  const std::uint64_t bytes = saturating_mul(runs, sweep_table_bytes(axes.size()));
  if (!budget.limited() || bytes <= budget.bytes) return;
  const ConfigNode* samples = e.sweep.is_map() ? e.sweep.find("samples") : nullptr;
  const SourceLocation at = samples && e.sweep_mode == SweepMode::random ? samples->location()
                            : e.sweep.is_map()                           ? e.sweep.location()
                                                                         : SourceLocation{};
  const std::string where = at.file.empty() ? e.file.string() : at.str();
  const std::string key = samples && e.sweep_mode == SweepMode::random ? "sweep.samples" : "sweep";
  const std::string runs_text =
      runs == UINT64_MAX ? "more than 18446744073709551614" : std::to_string(runs);
  throw ConfigError(where + ": " + key + ": needs ~" + format_bytes(bytes) + " for the table of " +
                    runs_text + " runs (" + shape + " x " + std::to_string(e.seeds.size()) +
                    " seed(s)) (" + budget.describe() + ")");
}

} // namespace

std::uint64_t sweep_table_bytes(std::size_t axes) {
  // A RunSpec with its id and point labels, its entry in the sweep's and the store's
  // indexes, and its row of the summary: a few hundred bytes, and a label per key.
  return 512 + 128 * static_cast<std::uint64_t>(axes);
}

std::vector<RunSpec> expand_sweep(const Experiment& e, const MemoryBudget& budget) {
  auto plan = std::make_shared<SweepPlan>(SweepPlan{e.base, e.sweep, e.base_dir, {}});
  plan->axes = read_axes(plan->sweep, e.sweep_mode);
  check_size(e, plan->axes, budget);
  // tpe: its warm-up, random mode's first points (tpe_sweep proposes the rest).
  std::vector<Point> points =
      e.sweep_mode == SweepMode::random ? random_points(*plan, e.seed, e.samples)
      : e.sweep_mode == SweepMode::tpe  ? random_points(*plan, e.seed, e.tpe_warmup)
                                        : listed_points(*plan, e.sweep_mode);
  std::vector<RunSpec> runs;
  runs.reserve(points.size() * e.seeds.size());
  std::unordered_map<std::uint64_t, std::size_t> index_of; // run_hash -> index
  for (Point& point : points) {
    const auto source = std::make_shared<const SweepPoint>(plan, std::move(point.values));
    for (const std::uint64_t seed : e.seeds) {
      // Built to give the run its id and to check it, then dropped: config() rebuilds it.
      const ConfigNode config = source->config(seed);
      const std::uint64_t hash = run_hash(config, e.seed);
      if (const auto [it, fresh] = index_of.emplace(hash, runs.size()); !fresh)
        throw ConfigError(e.file.string() + ": sweep: runs " + std::to_string(it->second + 1) +
                          " and " + std::to_string(runs.size() + 1) +
                          " have the same configuration (a value repeats in a sweep list?)");
      parse_run_config(config, e.base_dir);
      runs.push_back(RunSpec{.id = to_hex(hash),
                             .index = runs.size(),
                             .seed = seed,
                             .experiment_seed = e.seed,
                             .point = point.labels,
                             .source = source});
    }
  }
  return runs;
}

} // namespace nnlab

namespace nnlab {

std::vector<SearchDimension> search_space(const Experiment& e) {
  std::vector<SearchDimension> space;
  for (const Axis& axis : read_axes(e.sweep, SweepMode::random)) {
    const Distribution& d = axis.draw;
    SearchDimension dimension{axis.key, static_cast<SearchDimension::Kind>(d.kind), d.low, d.high,
                              0};
    if (d.kind == Distribution::Kind::choice) {
      dimension.choices = d.args->items().size();
      dimension.low = 0;
      dimension.high = static_cast<double>(dimension.choices - 1);
    }
    space.push_back(std::move(dimension));
  }
  return space;
}

std::vector<SearchPoint> drawn_points(const Experiment& e, std::size_t count) {
  SweepPlan plan{e.base, e.sweep, e.base_dir, {}};
  plan.axes = read_axes(plan.sweep, SweepMode::random);
  std::vector<SearchPoint> points;
  for (const Point& point : random_points(plan, e.seed, count)) {
    SearchPoint x;
    for (const PointValue& value : point.values)
      x.push_back(value.drawn.empty() ? static_cast<double>(value.item)
                                      : std::strtod(value.drawn.c_str(), nullptr));
    points.push_back(std::move(x));
  }
  return points;
}

} // namespace nnlab
