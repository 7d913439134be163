#include "nnlab/report/stored_runs.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "nnlab/core/error.hpp"
#include "nnlab/storage/final_value.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab {

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names)
    text += (text.empty() ? "" : ", ") + name;
  return text;
}

void sort_by_index(std::vector<StoredRun>& runs) {
  std::stable_sort(runs.begin(), runs.end(), [](const StoredRun& a, const StoredRun& b) {
    return a.record.index < b.record.index;
  });
}

} // namespace

namespace {

/// Notes the test split's scores of `run`, then drops its evaluation when `keep` is false.
void note_scores(StoredRun& run, bool keep) {
  if (const SplitEvaluation* test = run.record.evaluation.find("test")) {
    run.test_f1 = test->f1_score;
    run.test_roc_auc = test->roc_auc;
  }
  if (!keep) run.record.evaluation = Evaluation();
}

} // namespace

StoredRun::StoredRun(RunRecord record_, ConfigNode config_, RunParts parts)
    : record(std::move(record_)), config(std::move(config_)), leaves(config),
      ends(series_ends(record)) {
  note_scores(*this, parts != RunParts::overview);
  if (parts == RunParts::overview)
    for (const SeriesSpec& series : stored_series())
      (record.series.*series.recorded).reset();
  if (parts != RunParts::weights) {
    record.weights.clear();
    record.snapshots = {};
  }
  if (parts == RunParts::overview) {
    config = ConfigNode();
    record.config_yaml.clear();
  }
}

StoredRun::StoredRun(RunOverview overview, const ConfigNode& config_)
    : record(std::move(overview.record)), leaves(config_), ends(std::move(overview.ends)) {
  record.config_yaml.clear(); // its leaves are kept
  note_scores(*this, false);  // its final values are in `ends`
}

namespace {

// A validation series (cost_valid, accuracy_valid) is stored only by a run with a
// validation set: its absence is no gap.
bool validation_series(std::string_view name) {
  return name.size() > 6 && name.substr(name.size() - 6) == "_valid";
}

} // namespace

std::vector<bool> series_stored(const std::vector<StoredRun>& runs) {
  std::vector<bool> stored(stored_series().size(), false);
  for (const StoredRun& run : runs)
    for (std::size_t s = 0; s < stored.size(); ++s)
      stored[s] = stored[s] || run.ends.at(s).length > 0;
  return stored;
}

bool has_results(const StoredRun& run) {
  return std::any_of(run.ends.begin(), run.ends.end(),
                     [](const SeriesEnd& end) { return end.length > 0; });
}

bool has_results(const StoredRun& run, const std::vector<bool>& stored) {
  if (!has_results(run)) return false;
  const auto& table = stored_series();
  for (std::size_t s = 0; s < table.size(); ++s)
    if (stored.at(s) && !validation_series(table[s].name) && run.ends.at(s).length == 0)
      return false;
  return true;
}

std::string left_out_line(const RunRecord& record) {
  std::string line = "run " + std::to_string(record.index + 1) + " (" + record.id + ", " +
                     run_title(record.label, record.seed) + "): " + to_string(record.status);
  return record.message.empty() ? line + " before its first iteration"
                                : line + ": " + record.message;
}

StoredRun read_stored_run(const RunStore& store, const std::string& id, RunParts parts) {
  const auto config_of = [&](const RunRecord& record) {
    return parse_yaml(record.config_yaml, store.file().string() + ":/runs/" + id + "/config");
  };
  std::optional<StoredRun> run;
  if (parts == RunParts::overview) {
    RunOverview overview = store.read_run_overview(id);
    const ConfigNode config = config_of(overview.record);
    run.emplace(std::move(overview), config);
  } else {
    RunRecord record =
        store.read_run(id, parts == RunParts::weights ? RunContent::whole : RunContent::series);
    ConfigNode config = config_of(record);
    run.emplace(std::move(record), std::move(config), parts);
  }
  run->format_version = store.format_version();
  return std::move(*run);
}

std::vector<StoredRun> load_runs(const std::string& store_file, RunParts parts) {
  const RunStore store = RunStore::open_read_only(store_file);
  std::vector<StoredRun> runs;
  const std::vector<std::string> ids = store.run_ids();
  runs.reserve(ids.size());
  for (const auto& id : ids)
    runs.push_back(read_stored_run(store, id, parts));
  sort_by_index(runs);
  return runs;
}

const arma::vec& series_of(const RunRecord& record, const std::string& metric) {
  return record.series.*series_named(metric).recorded;
}

const SeriesEnd& series_end(const StoredRun& run, const std::string& metric) {
  const SeriesSpec& series = series_named(metric);
  return run.ends.at(static_cast<std::size_t>(&series - stored_series().data()));
}

double final_value(const StoredRun& run, const std::string& metric) {
  return series_end(run, metric).final_net;
}

bool stores_series(const std::vector<StoredRun>& runs, const std::string& metric) {
  return std::any_of(runs.begin(), runs.end(),
                     [&](const StoredRun& run) { return series_end(run, metric).length > 0; });
}

std::string default_metric(const std::vector<StoredRun>& runs) {
  for (const char* metric : {"cost_valid", "cost_test"})
    if (stores_series(runs, metric)) return metric;
  return "cost_train";
}

void require_metric(const std::vector<StoredRun>& runs, const std::string& store,
                    const std::string& metric) {
  std::vector<std::string> stored;
  for (const auto& name : series_names())
    if (stores_series(runs, name)) stored.push_back(name);
  if (std::find(stored.begin(), stored.end(), metric) == stored.end())
    throw ConfigError(store + ": metric '" + metric + "' is not stored; stored: " + joined(stored));
}

StoredExperiment load_experiment_store(const std::filesystem::path& store, RunParts parts,
                                       const std::vector<std::string>& ids) {
  if (!std::filesystem::exists(store))
    throw ConfigError(store.string() + ": cannot open: no such file");
  StoredExperiment experiment;
  experiment.store = store;
  experiment.name = store.parent_path().filename().string();
  if (experiment.name.empty()) experiment.name = store.stem().string();
  const RunStore runs = RunStore::open_read_only(store);
  const StoreHeader header = runs.header();
  experiment.yaml = header.experiment_yaml;
  experiment.exp_dir = header.attribute("experiment_dir");
  const std::string seed = header.attribute("experiment_seed");
  experiment.exp_seed = seed.empty() ? 0 : std::stoull(seed);
  experiment.format_version = runs.format_version();
  const std::vector<std::string> listed = ids.empty() ? runs.run_ids() : ids;
  std::vector<StoredRun>& all = experiment.runs;
  all.reserve(listed.size()); // a StoredRun is large: no copies while growing
  for (const auto& id : listed)
    all.push_back(read_stored_run(runs, id, parts));
  // A run is judged against the series the store holds: one that lacks a series the
  // other runs have has a gap that no plot or table could show. Split in place: a second
  // vector of 100,000 runs would double the memory.
  const std::vector<bool> stored = series_stored(all);
  std::size_t kept = 0;
  for (std::size_t r = 0; r < all.size(); ++r) {
    if (!has_results(all[r], stored))
      experiment.without_results.push_back(std::move(all[r]));
    else if (kept++ != r)
      all[kept - 1] = std::move(all[r]);
  }
  all.erase(all.begin() + static_cast<std::ptrdiff_t>(kept), all.end());
  if (ids.empty()) sort_by_index(experiment.runs);
  sort_by_index(experiment.without_results);
  return experiment;
}

} // namespace nnlab
