#include "nnlab/report/store_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_style.hpp"
#include "nnlab/report/group_plots.hpp"
#include "nnlab/report/sweep_summary.hpp"

namespace nnlab {

namespace fs = std::filesystem;

namespace {

/// The shortest tails of the stores' folder paths that tell them apart.
std::vector<std::string> store_names(const std::vector<StoredExperiment>& experiments) {
  std::vector<std::vector<std::string>> parts;
  for (const auto& experiment : experiments) {
    std::vector<std::string> folders;
    for (const auto& part : fs::absolute(experiment.store).lexically_normal().parent_path())
      if (!part.empty() && part != "/") folders.push_back(part.string());
    if (folders.empty()) folders.push_back(experiment.store.stem().string());
    parts.push_back(std::move(folders));
  }
  std::vector<std::size_t> depth(parts.size(), 1);
  const auto name = [&](std::size_t s) {
    std::string text;
    const auto& folders = parts[s];
    for (std::size_t i = folders.size() - std::min(depth[s], folders.size()); i < folders.size();
         ++i)
      text += (text.empty() ? "" : "/") + folders[i];
    return text;
  };
  for (bool clash = true; clash;) {
    clash = false;
    for (std::size_t a = 0; a < parts.size(); ++a)
      for (std::size_t b = a + 1; b < parts.size(); ++b)
        if (name(a) == name(b)) {
          for (const std::size_t s : {a, b})
            if (depth[s] < parts[s].size()) ++depth[s], clash = true;
        }
  }
  std::vector<std::string> names;
  for (std::size_t s = 0; s < parts.size(); ++s)
    names.push_back(name(s));
  return names;
}

/// The keys each store is grouped by: those asked for, or every key that varies in some
/// store (each store then uses the ones its configs have).
std::vector<std::string> default_keys(const std::vector<StoredExperiment>& experiments) {
  std::vector<std::string> keys;
  for (const auto& experiment : experiments)
    for (const auto& key : varying_keys(experiment.runs))
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  return keys;
}

std::vector<std::string> keys_present(const std::vector<std::string>& keys,
                                      const std::vector<StoredRun>& runs) {
  const std::vector<std::string> present = config_keys(runs);
  std::vector<std::string> kept;
  for (const auto& key : keys)
    if (std::find(present.begin(), present.end(), key) != present.end()) kept.push_back(key);
  return kept;
}

/// The runs of one group with their series: those given when they kept their series (a
/// store loaded with RunParts::series), else read from `store` now, a group at a time,
/// so that comparing stores of 100,000 runs never holds every series at once.
class GroupSeries {
public:
  GroupSeries(const StoredExperiment& experiment, const RunGroup& group) {
    const bool kept = std::all_of(group.runs.begin(), group.runs.end(), [&](std::size_t r) {
      const StoredRun& run = experiment.runs[r];
      for (const SeriesSpec& spec : stored_series())
        if (series_of(run.record, spec.name).n_elem != series_end(run, spec.name).length)
          return false;
      return true;
    });
    if (kept) {
      for (const std::size_t r : group.runs)
        runs_.push_back(&experiment.runs[r].record);
      return;
    }
    const RunStore store = RunStore::open_read_only(experiment.store);
    loaded_.reserve(group.runs.size());
    for (const std::size_t r : group.runs) {
      loaded_.push_back(store.read_run(experiment.runs[r].record.id, RunContent::series));
      runs_.push_back(&loaded_.back());
    }
  }

  std::vector<const arma::vec*> of(const std::string& metric) const {
    std::vector<const arma::vec*> series;
    for (const RunRecord* run : runs_)
      series.push_back(&series_of(*run, metric));
    return series;
  }

private:
  std::vector<RunRecord> loaded_;
  std::vector<const RunRecord*> runs_;
};

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return text;
}

} // namespace

StoreComparison compare_stores(const std::vector<StoredExperiment>& experiments,
                               const ComparisonOptions& options) {
  if (experiments.empty()) throw ConfigError("compare: expected one or more stores, got none");
  for (std::size_t a = 0; a < experiments.size(); ++a)
    for (std::size_t b = a + 1; b < experiments.size(); ++b) {
      std::error_code ec;
      if (fs::equivalent(experiments[a].store, experiments[b].store, ec))
        throw ConfigError("compare: " + experiments[b].store.string() + ": given twice (also as " +
                          experiments[a].store.string() + ")");
    }
  StoreComparison comparison;
  comparison.stores = store_names(experiments);
  for (std::size_t s = 0; s < experiments.size(); ++s) {
    const StoredExperiment& experiment = experiments[s];
    comparison.files.push_back(experiment.store);
    for (const StoredRun& run : experiment.without_results) {
      comparison.left_out.push_back({s, summarize(run)});
      comparison.left_out.back().run.has_results = false;
    }
    if (experiment.runs.empty() && !experiment.without_results.empty())
      throw ConfigError(experiment.store.string() + ": no run has results to compare; " +
                        left_out_line(experiment.without_results.front().record));
    if (experiment.runs.empty()) throw ConfigError(experiment.store.string() + ": no runs stored");
  }
  comparison.metric = options.metric;
  if (comparison.metric.empty()) {
    // the first of cost_valid, cost_test, cost_train that every store has
    const auto every_store = [&](const char* name) {
      return std::all_of(experiments.begin(), experiments.end(), [&](const auto& e) {
        return find_series(name) && stores_series(e.runs, name);
      });
    };
    comparison.metric = every_store("cost_valid")  ? "cost_valid"
                        : every_store("cost_test") ? "cost_test"
                                                   : "cost_train";
  }
  const std::string& metric = comparison.metric;
  for (const auto& experiment : experiments)
    require_metric(experiment.runs, experiment.store.string(), metric);
  const bool cost = series_named(metric).lower_is_better;
  if (options.target && !cost)
    throw ConfigError("--target: iterations to a target are counted for a cost, and the "
                      "metric is " +
                      metric);
  comparison.log_y = options.log_y.value_or(cost);
  const bool accuracy =
      cost && std::all_of(experiments.begin(), experiments.end(),
                          [](const auto& e) { return stores_series(e.runs, "accuracy_test"); });

  double best_target = std::nan(""); // 10x the best final over every store
  for (const auto& experiment : experiments) {
    best_target = std::fmin(best_target, default_target(experiment.runs, metric));
    for (const auto& run : experiment.runs)
      comparison.iterations =
          std::max(comparison.iterations, static_cast<double>(series_end(run, metric).length));
  }
  comparison.target = !cost ? std::nan("") : options.target.value_or(best_target);
  comparison.default_target = cost && !options.target;
  const bool speed = !std::isnan(comparison.target);

  const std::vector<std::string> keys =
      options.group_by.empty() ? default_keys(experiments) : options.group_by;
  std::vector<RunGroups> grouped;
  for (const auto& experiment : experiments) {
    const auto store_keys =
        options.group_by.empty() ? keys_present(keys, experiment.runs) : options.group_by;
    grouped.push_back(group_runs(experiment.runs, experiment.store.string(), store_keys));
    for (const auto& key : grouped.back().keys)
      if (std::find(comparison.keys.begin(), comparison.keys.end(), key) == comparison.keys.end())
        comparison.keys.push_back(key);
  }

  // The same group label is the same colour in every store, each store its own dash; runs
  // not split into groups are coloured by store.
  std::map<std::string, std::size_t> colour;
  const auto colour_key = [&](std::size_t s, const RunGroup& group) {
    return grouped[s].keys.empty() ? "store " + comparison.stores[s] : "group " + group.label;
  };
  for (std::size_t s = 0; s < grouped.size(); ++s)
    for (const auto& group : grouped[s].groups)
      colour.emplace(colour_key(s, group), colour.size());
  for (std::size_t s = 0; s < experiments.size(); ++s) {
    const auto& runs = experiments[s].runs;
    const RunGroups& groups = grouped[s];
    for (std::size_t g = 0; g < groups.groups.size(); ++g) {
      const RunGroup& group = groups.groups[g];
      const GroupSeries series(experiments[s], group);
      ComparedGroup compared;
      compared.store = s;
      compared.group = group.label;
      compared.label = groups.keys.empty()       ? comparison.stores[s]
                       : experiments.size() == 1 ? group.label
                                                 : comparison.stores[s] + ": " + group.label;
      compared.run_indices = group.runs;
      compared.colour = colour.at(colour_key(s, group));
      std::vector<double> finals;
      for (const std::size_t r : group.runs) {
        ++compared.runs;
        compared.diverged += runs[r].record.status == RunStatus::diverged;
        compared.failed += runs[r].record.status == RunStatus::failed;
        // A pruned run's last value is at its rung: no final value to rank.
        if (runs[r].record.status != RunStatus::pruned)
          finals.push_back(final_value(runs[r], metric));
        else {
          ++compared.pruned;
          compared.pruned_at = std::max(compared.pruned_at, runs[r].record.iterations_done);
        }
      }
      finals.erase(
          std::remove_if(finals.begin(), finals.end(), [](double v) { return std::isnan(v); }),
          finals.end());
      compared.median_final = median(finals);
      compared.curve = band_curve(group, series.of(metric));
      compared.curve.label = compared.label;
      compared.curve.colour = compared.colour;
      compared.curve.dash = 1 + s % 5; // solid for the first store, a dash pattern per other
      mark_pruned(compared.curve, group, runs);
      if (speed) {
        compared.speed = speed_group(group, series.of(metric), comparison.target);
        compared.speed.label = compared.label;
        compared.speed.colour = compared.colour;
        compared.reached = compared.speed.reached.size();
        compared.median_iterations = median_iterations(compared.speed);
      } else {
        compared.median_iterations = std::nan("");
      }
      if (accuracy) {
        compared.accuracy = band_curve(group, series.of("accuracy_test"));
        compared.accuracy->label = compared.label;
        compared.accuracy->colour = compared.colour;
        compared.accuracy->dash = compared.curve.dash;
      }
      comparison.groups.push_back(std::move(compared));
    }
  }
  return comparison;
}

void add_comparison_plots(PlotRenderer& renderer, const StoreComparison& comparison) {
  const std::string stores = joined(comparison.stores);
  const std::string& metric = comparison.metric;
  std::vector<BandCurve> curves, accuracies;
  std::vector<SpeedGroup> speeds;
  for (const auto& group : comparison.groups) {
    curves.push_back(group.curve);
    if (group.accuracy) accuracies.push_back(*group.accuracy);
    speeds.push_back(group.speed);
  }
  add_convergence_plot(renderer, curves, stores, metric, comparison.log_y);
  if (accuracies.size() == curves.size())
    add_convergence_plot(renderer, accuracies, stores, "accuracy_test", false);
  if (std::isnan(comparison.target)) return;
  std::ostringstream title;
  title.precision(3);
  title << stores << ": iterations to " << series_title(metric) << " <= " << comparison.target
        << (comparison.default_target ? " (10x the best final)" : "");
  add_speed_plot(renderer, "speed-" + metric, speeds, title.str(),
                 std::string(plot_style::iteration_label), comparison.iterations);
}

} // namespace nnlab
