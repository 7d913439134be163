#include "nnlab/report/sweep_points.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <string_view>

#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab {

namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

/// The text as a number when the whole of it is one ("0.05", "1e-3"), else NaN.
double as_number(const std::string& text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end ? value : not_a_number;
}

/// The experiment file's sweep block, or nullptr (an unreadable header has none).
const ConfigNode* sweep_block(const ConfigNode& root) {
  return root.is_map() ? root.find("sweep") : nullptr;
}

ConfigNode parse_header(const std::string& yaml) {
  try {
    return parse_yaml(yaml, "the store's experiment file");
  } catch (const std::exception&) {
    return {};
  }
}

/// Whether the sweep draws `key` from a loguniform distribution.
bool drawn_log_uniform(const ConfigNode* sweep, const std::string& key) {
  if (!sweep || !sweep->is_map()) return false;
  const ConfigNode* axis = sweep->find(key);
  return axis && axis->is_map() && axis->find("loguniform");
}

SweptKey describe_key(const std::string& path, const std::vector<SweepPoint>& points, std::size_t k,
                      const ConfigNode* sweep) {
  SweptKey key{path, true, false, {}};
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const auto& point : points) {
    if (std::find(key.levels.begin(), key.levels.end(), point.values[k]) == key.levels.end())
      key.levels.push_back(point.values[k]);
    const double number = point.numbers[k];
    if (std::isnan(number)) key.numeric = false;
    low = std::min(low, number);
    high = std::max(high, number);
  }
  key.log_scale =
      key.numeric && low > 0.0 && (drawn_log_uniform(sweep, path) || high >= 10.0 * low);
  return key;
}

} // namespace

std::vector<std::string> analysis_keys(const std::vector<StoredRun>& runs) {
  std::vector<std::string> keys;
  for (const auto& key : config_keys(runs)) {
    if (key == "seed") continue;
    std::set<std::string> values;
    bool everywhere = true;
    for (const auto& run : runs) {
      const std::optional<std::string> value = run.leaves.value(key);
      if (!value) {
        everywhere = false;
        break;
      }
      values.insert(*value);
    }
    if (everywhere && values.size() > 1) keys.push_back(key);
  }
  return keys;
}

std::string sweep_mode(const std::string& yaml) {
  const ConfigNode root = parse_header(yaml);
  const ConfigNode* sweep = sweep_block(root);
  const ConfigNode* mode = sweep && sweep->is_map() ? sweep->find("mode") : nullptr;
  return mode && mode->is_scalar() ? mode->text() : "grid";
}

bool is_search_mode(const std::string& mode) {
  return mode == "random" || mode == "tpe" || mode == "halving" || mode == "hyperband";
}

SweepPoints sweep_points(const StoredExperiment& experiment, const RunGroups& groups,
                         const std::string& metric, bool log_metric) {
  SweepPoints table;
  table.metric = metric;
  table.lower_is_better = series_named(metric).lower_is_better;
  table.mode = sweep_mode(experiment.yaml);
  bool all_positive = true;
  for (const RunGroup& group : groups.groups) {
    SweepPoint point;
    point.label = group.label;
    point.colour = group.colour;
    point.values = group.values;
    for (const auto& value : group.values)
      point.numbers.push_back(as_number(value));
    point.runs = group.runs;
    point.first_run = group.runs.empty() ? 0 : experiment.runs[group.runs.front()].record.index;
    std::vector<double> at_rung;
    for (const std::size_t r : group.runs) {
      const StoredRun& run = experiment.runs[r];
      const double value = final_value(run, metric);
      if (run.record.status == RunStatus::pruned && std::isfinite(value)) at_rung.push_back(value);
      point.pruned = point.pruned || run.record.status == RunStatus::pruned;
      // A pruned run's last value is at its rung, not final: it has none here.
      const bool usable = run.record.status != RunStatus::failed &&
                          run.record.status != RunStatus::pruned && std::isfinite(value);
      point.finals.push_back(usable ? value : not_a_number);
      if (usable && value <= 0.0) all_positive = false;
    }
    if (!at_rung.empty()) point.rung_median = median(at_rung);
    table.points.push_back(std::move(point));
  }
  table.log_metric = log_metric && all_positive;
  for (auto& point : table.points) {
    // The median of the values as stored (as every plot of a group shows it), then on the
    // analysis's scale: with an even count the log of the median is not the median of logs.
    std::vector<double> finite;
    for (double& value : point.finals) {
      if (!std::isnan(value)) finite.push_back(value);
      if (table.log_metric && !std::isnan(value)) value = std::log10(value);
    }
    point.median = median(finite);
    if (table.log_metric) point.median = std::log10(point.median);
  }
  const ConfigNode root = parse_header(experiment.yaml);
  for (std::size_t k = 0; k < groups.keys.size(); ++k)
    table.keys.push_back(describe_key(groups.keys[k], table.points, k, sweep_block(root)));
  return table;
}

} // namespace nnlab
