#include "nnlab/engine/store_plots.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/provenance.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/plot/cost_plot.hpp"
#include "nnlab/report/group_plots.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

namespace {

std::string known_kinds() {
  std::string text;
  for (const auto& kind : plot_kinds())
    text += (text.empty() ? "" : ", ") + kind;
  return text;
}

bool has_series(const StoredExperiment& experiment, const std::string& metric) {
  return std::any_of(experiment.runs.begin(), experiment.runs.end(), [&](const StoredRun& run) {
    return !series_of(run.record, metric).is_empty();
  });
}

void add_convergence(PlotRenderer& renderer, const StoredExperiment& experiment,
                     const RunGroups& groups, const std::string& metric, bool log_y) {
  add_convergence_plot(renderer, band_curves(experiment.runs, groups, metric), experiment.name,
                       metric, log_y);
}

/// The best run of each group drawn over its data; returns a note when not drawn.
std::string add_decisions(PlotRenderer& renderer, const StoredExperiment& experiment,
                          const RunGroups& groups, const StorePlotOptions& options,
                          Registry* registry) {
  if (!registry) return "decision: skipped: no plugins to re-load the data with";
  const std::string metric =
      series_named(options.metric).lower_is_better ? options.metric : "cost_test";
  DatasetCache datasets(*registry);
  for (const auto& group : groups.groups) {
    const StoredRun* best = nullptr;
    double best_value = 0.0;
    for (const std::size_t r : group.runs) {
      const StoredRun& run = experiment.runs[r];
      const double value = final_value(run, metric);
      if (run.record.status == RunStatus::failed || run.record.weights.empty() || std::isnan(value))
        continue;
      if (!best || value < best_value) best = &run, best_value = value;
    }
    if (!best) continue;
    const std::vector<RunSpec> specs{
        make_run_spec(best->config, experiment.exp_seed, experiment.exp_dir)};
    const auto prepared = prepare_runs(specs, *registry, datasets);
    if (prepared[0].data->train.X.n_rows != 2)
      return "decision: skipped: the data has " + std::to_string(prepared[0].data->train.X.n_rows) +
             " features, not 2";
    Mlp mlp(prepared[0].architecture);
    mlp.load_weights(best->record.weights);
    std::ostringstream title;
    title.precision(3);
    title << experiment.name << ": " << group.label << ", best of " << group.runs.size()
          << " (seed " << best->record.seed << ", " << series_title(metric) << " " << best_value
          << ")";
    add_decision_plot(renderer, "decision-" + best->record.id, mlp, *prepared[0].data, title.str(),
                      150, options.range);
  }
  return {};
}

std::string add_speed(PlotRenderer& renderer, const StoredExperiment& experiment,
                      const RunGroups& groups, const StorePlotOptions& options) {
  const std::string metric =
      series_named(options.metric).lower_is_better ? options.metric : "cost_test";
  if (!has_series(experiment, metric)) return "speed: skipped: no " + metric + " stored";
  const double target = options.target ? *options.target : default_target(experiment.runs, metric);
  if (std::isnan(target)) return "speed: skipped: no run has a positive final " + metric;
  double iterations = 1.0;
  for (const auto& run : experiment.runs)
    iterations = std::max(iterations, static_cast<double>(series_of(run.record, metric).n_elem));
  std::ostringstream title;
  title.precision(3);
  title << experiment.name << ": iterations to reach " << series_title(metric) << " <= " << target
        << (options.target ? "" : " (10x the best final)");
  add_speed_plot(renderer, "speed-" + metric, speed_groups(experiment.runs, groups, metric, target),
                 title.str(), "iteration", iterations);
  return {};
}

} // namespace

const std::vector<std::string>& plot_kinds() {
  static const std::vector<std::string> kinds{"cost",     "convergence", "accuracy",
                                              "decision", "heatmap",     "speed"};
  return kinds;
}

StoredExperiment load_experiment_store(const std::filesystem::path& store, bool with_weights) {
  if (!std::filesystem::exists(store))
    throw ConfigError(store.string() + ": cannot open: no such file");
  StoredExperiment experiment;
  experiment.store = store;
  experiment.name = store.parent_path().filename().string();
  if (experiment.name.empty()) experiment.name = store.stem().string();
  const StoreHeader header = RunStore::open_read_only(store).header();
  experiment.yaml = header.experiment_yaml;
  experiment.exp_dir = header.attribute("experiment_dir");
  const std::string seed = header.attribute("experiment_seed");
  experiment.exp_seed = seed.empty() ? 0 : std::stoull(seed);
  experiment.runs = load_runs(store.string(), with_weights);
  return experiment;
}

std::vector<std::string> add_store_plots(PlotRenderer& renderer, const StoredExperiment& experiment,
                                         const StorePlotOptions& options_given,
                                         Registry* registry) {
  StorePlotOptions options = options_given;
  if (options.metric.empty())
    options.metric = has_series(experiment, "cost_test") ? "cost_test" : "cost_train";
  for (const auto& kind : options.kinds)
    if (std::find(plot_kinds().begin(), plot_kinds().end(), kind) == plot_kinds().end())
      throw ConfigError("plot kind '" + kind + "': unknown; known: " + known_kinds());
  const auto wanted = [&](const std::string& kind) {
    return options.kinds.empty() ||
           std::find(options.kinds.begin(), options.kinds.end(), kind) != options.kinds.end();
  };
  const std::string store = experiment.store.string();
  if (experiment.runs.empty()) throw ConfigError(store + ": no runs stored");
  require_metric(experiment.runs, store, options.metric);
  const RunGroups groups = group_runs(experiment.runs, store, options.group_by);

  std::vector<std::string> notes;
  if (wanted("cost"))
    for (std::size_t r = 0; r < experiment.runs.size() && r < options.max_run_plots; ++r) {
      const RunRecord& record = experiment.runs[r].record;
      if (record.series.cost_train.is_empty()) continue;
      add_cost_plot(renderer, "cost-" + record.id, record.series,
                    experiment.name + ": " + run_title(record.label, record.seed));
    }
  if (wanted("convergence"))
    add_convergence(renderer, experiment, groups, options.metric,
                    options.log_y.value_or(series_named(options.metric).lower_is_better));
  if (wanted("accuracy")) {
    if (has_series(experiment, "accuracy_test"))
      add_convergence(renderer, experiment, groups, "accuracy_test", false);
    else
      notes.push_back("accuracy: skipped: no accuracy_test stored");
  }
  if (wanted("decision"))
    if (auto note = add_decisions(renderer, experiment, groups, options, registry); !note.empty())
      notes.push_back(note);
  if (wanted("heatmap")) {
    if (groups.keys.size() < 2) {
      std::string keys;
      for (const auto& key : groups.keys)
        keys += (keys.empty() ? "" : ", ") + key;
      notes.push_back("heatmap: skipped: it needs two group keys, the runs are grouped by " +
                      (keys.empty() ? std::string("none") : keys));
    } else {
      add_heatmap_plot(
          renderer, "heatmap-" + options.metric,
          final_value_heatmap(experiment.runs, groups, options.metric),
          experiment.name + ": final " + series_title(options.metric) + ", median over seeds",
          "final " + series_title(options.metric), series_named(options.metric).lower_is_better);
    }
  }
  if (wanted("speed"))
    if (auto note = add_speed(renderer, experiment, groups, options); !note.empty())
      notes.push_back(note);
  return notes;
}

} // namespace nnlab
