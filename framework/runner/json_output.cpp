// The --json documents (docs/json.md): one writer, and one function per command's body.
#include "json_output.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/run_spec.hpp"
#include "nnlab/engine/run_standing.hpp"
#include "nnlab/plugin/plugin_library.hpp"
#include "nnlab/report/group_statistics.hpp"
#include "nnlab/report/statistics_table.hpp"
#include "nnlab/report/store_comparison.hpp"

namespace nnlab::runner {

void print_json(std::ostream& out, std::string_view command, const Json& body) {
  Json document{{"nnlab_json", json_version}, {"command", std::string(command)}};
  for (const auto& [key, value] : body.items())
    document[key] = value;
  out << document.dump(2) << '\n';
}

Json json_number(double value) {
  return std::isfinite(value) ? Json(value) : Json(nullptr);
}

Json json_scalar(const std::string& text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text == "null" || text == "~" || text == "Null" || text == "NULL") return nullptr;
  const char* const end = text.data() + text.size();
  std::int64_t integer = 0;
  const char* const start = !text.empty() && text.front() == '+' ? text.data() + 1 : text.data();
  if (auto [stop, error] = std::from_chars(start, end, integer);
      !text.empty() && error == std::errc() && stop == end)
    return integer;
  double number = 0.0;
  if (auto [stop, error] = std::from_chars(start, end, number);
      !text.empty() && error == std::errc() && stop == end && std::isfinite(number))
    return number;
  return text;
}

Json to_json(const ConfigNode& node) {
  if (node.is_map()) {
    Json object = Json::object();
    for (const auto& entry : node.entries())
      object[entry.key] = to_json(entry.value);
    return object;
  }
  if (node.is_sequence()) {
    Json array = Json::array();
    for (const auto& item : node.items())
      array.push_back(to_json(item));
    return array;
  }
  if (node.is_null()) return nullptr;
  return json_scalar(node.text());
}

Json run_table_json(const Experiment& experiment, const std::vector<RunSpec>& specs,
                    const std::vector<std::uint64_t>& memory, std::uint64_t memory_limit) {
  Json keys = Json::array();
  if (!specs.empty())
    for (const auto& [key, value] : specs.front().point)
      keys.push_back(key);
  Json runs = Json::array();
  for (const auto& spec : specs) {
    Json point = Json::object();
    for (const auto& [key, value] : spec.point)
      point[key] = json_scalar(value);
    runs.push_back({{"number", spec.index + 1},
                    {"id", spec.id},
                    {"seed", spec.seed},
                    {"label", spec.point_label()},
                    {"point", point},
                    {"config", to_json(spec.config())},
                    {"memory_bytes", spec.index < memory.size() ? memory[spec.index] : 0}});
  }
  return {{"experiment",
           {{"name", experiment.name},
            {"file", experiment.file.string()},
            {"description", experiment.description},
            {"seed", experiment.seed}}},
          {"runs_total", specs.size()},
          {"sweep_points", experiment.seeds.empty() ? 0 : specs.size() / experiment.seeds.size()},
          {"seeds", experiment.seeds},
          {"keys", keys},
          {"memory_limit_bytes", memory_limit},
          {"runs", runs}};
}

Json plugin_json(const PluginDescription& plugin) {
  Json params = Json::array();
  for (const auto& p : plugin.params) {
    Json param{{"name", p.name}, {"type", describe(p.type)}};
    switch (p.presence) {
    case ParamSpec::Presence::defaulted:
      param["presence"] = "defaulted";
      param["default"] = json_scalar(p.default_text);
      break;
    case ParamSpec::Presence::required: param["presence"] = "required"; break;
    case ParamSpec::Presence::optional: param["presence"] = "optional"; break;
    }
    param["doc"] = p.doc;
    params.push_back(param);
  }
  return {{"kind", to_string(plugin.kind)},
          {"name", plugin.name},
          {"description", plugin.description},
          {"file", plugin.file.string()},
          {"parameters", params}};
}

Json comparison_json(const StoreComparison& comparison) {
  Json stores = Json::array();
  for (std::size_t s = 0; s < comparison.stores.size(); ++s)
    stores.push_back({{"name", comparison.stores[s]}, {"file", comparison.files[s].string()}});
  Json groups = Json::array();
  for (const auto& group : comparison.groups) {
    const bool cost = !std::isnan(comparison.target);
    groups.push_back({{"store", comparison.stores[group.store]},
                      {"group", group.group},
                      {"label", group.label},
                      {"runs", group.runs},
                      {"median_final", json_number(group.median_final)},
                      {"median_iterations_to_target", json_number(group.median_iterations)},
                      {"never", cost && std::isinf(group.median_iterations)},
                      {"reached", group.reached},
                      {"diverged", group.diverged},
                      {"failed", group.failed}});
  }
  Json left_out = Json::array();
  for (const auto& [store, run] : comparison.left_out)
    left_out.push_back({{"store", comparison.stores[store]},
                        {"id", run.id},
                        {"number", run.index + 1},
                        {"status", to_string(run.status)},
                        {"message", run.message}});
  return {{"metric", comparison.metric},
          {"target", json_number(comparison.target)},
          {"target_is_default", comparison.default_target},
          {"stores", stores},
          {"keys", comparison.keys},
          {"groups", groups},
          {"left_out", left_out}};
}

Json statistics_json(const GroupStatistics& statistics) {
  Json rows = Json::array();
  for (const auto& row : statistics.rows) {
    const auto& r = row.result;
    Json differences = Json::array();
    for (const double d : row.differences)
      differences.push_back(json_number(d));
    rows.push_back({{"group", row.group},
                    {"baseline", row.baseline},
                    {"metric", row.iterations ? "iterations_to_target" : statistics.metric},
                    {"n", r.n},
                    {"n_baseline", r.n_baseline},
                    {"paired", r.paired},
                    {"median_difference", json_number(r.difference)},
                    {"ci_low", json_number(r.low)},
                    {"ci_high", json_number(r.high)},
                    {"p_value", json_number(r.p_value)},
                    {"p_holm", json_number(row.p_holm)},
                    {"win_rate", json_number(r.win_rate)},
                    {"test", r.test},
                    {"interval", r.interval},
                    {"note", row.note},
                    {"verdict", comparison_verdict(row, 1.0 - statistics.bootstrap.level)},
                    {"seeds", row.seeds},
                    {"differences", differences}});
  }
  return {{"metric", statistics.metric},
          {"target", json_number(statistics.target)},
          {"baseline", statistics.baseline},
          {"level", statistics.bootstrap.level},
          {"bootstrap_resamples", statistics.bootstrap.resamples},
          {"bootstrap_seed", statistics.bootstrap.seed},
          {"comparisons", rows}};
}

Json status_json(const Experiment& experiment, const std::vector<RunSpec>& specs,
                 const std::vector<std::string>& labels, const SweepStanding& standing,
                 const std::filesystem::path& store_file, bool store_exists) {
  Json counts = Json::object();
  for (std::size_t s = 0; s < run_state_count; ++s)
    counts[to_string(static_cast<RunState>(s))] = standing.counts[s];
  Json changes = Json::array();
  for (const InputChange& change : standing.changes) {
    Json item{{"name", change.name},
              {"kind", change.library ? "library" : "file"},
              {"what", change.what},
              {"runs", change.runs}};
    if (change.library) {
      item["was"] = change.was;
      item["now"] = change.now;
      if (!change.check.run.empty())
        item["check"] = {{"run", change.check.run},
                         {"checked", change.check.checked},
                         {"reproduced", change.check.reproduced},
                         {"difference", change.check.difference}};
    }
    changes.push_back(item);
  }
  Json runs = Json::array();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const RunSpec& spec = specs[i];
    Json point = Json::object();
    for (const auto& [key, value] : spec.point)
      point[key] = json_scalar(value);
    runs.push_back({{"number", spec.index + 1},
                    {"id", spec.id},
                    {"seed", spec.seed},
                    {"label", labels.empty() ? spec.point_label() : labels[i]},
                    {"point", point},
                    {"state", to_string(standing.runs[i].state)},
                    {"why", standing.runs[i].why}});
  }
  return {
      {"experiment",
       {{"name", experiment.name}, {"file", experiment.file.string()}, {"seed", experiment.seed}}},
      {"store", {{"file", store_file.string()}, {"exists", store_exists}}},
      {"runs_total", specs.size()},
      {"counts", counts},
      {"to_train", standing.count(RunState::missing) + standing.count(RunState::failed) +
                       standing.count(RunState::stale)},
      {"changes", changes},
      {"runs", runs}};
}

} // namespace nnlab::runner
