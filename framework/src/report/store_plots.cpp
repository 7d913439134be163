#include "nnlab/report/store_plots.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "nnlab/config/run_config.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/plot/cost_plot.hpp"
#include "nnlab/plot/plot_style.hpp"
#include "nnlab/plot/sweep_plot.hpp"
#include "nnlab/report/group_plots.hpp"
#include "nnlab/report/run_reference.hpp"
#include "nnlab/report/statistics_table.hpp"
#include "nnlab/report/sweep_analysis.hpp"
#include "run_pictures.hpp"

namespace nnlab {

namespace {

std::string known_kinds() {
  std::string text;
  for (const auto& kind : plot_kinds())
    text += (text.empty() ? "" : ", ") + kind;
  return text;
}

/// The metric the speed plot counts iterations of: a cost (when the metric is not, the
/// default one: cost_valid with a validation set, else cost_test).
std::string speed_metric(const std::string& metric, const std::vector<StoredRun>& runs) {
  if (series_named(metric).lower_is_better) return metric;
  return stores_series(runs, "cost_valid") ? "cost_valid" : "cost_test";
}

/// The run of the group with the best final `metric` (failed runs and NaN left out; the
/// first of equals), or nullptr.
const StoredRun* best_run(const std::vector<StoredRun>& runs, const RunGroup& group,
                          const std::string& metric) {
  const bool lower = series_named(metric).lower_is_better;
  const StoredRun* best = nullptr;
  for (const std::size_t r : group.runs) {
    const StoredRun& run = runs[r];
    const double value = final_value(run, metric);
    if (run.record.status == RunStatus::failed || std::isnan(value)) continue;
    if (!best || (lower ? value < final_value(*best, metric) : value > final_value(*best, metric)))
      best = &run;
  }
  return best;
}

/// The most lines the sweep plots draw (about, since each group draws as many).
constexpr std::size_t max_sweep_lines = 1000;

/// Draws one experiment's plots from its store (draw_store_plots()).
class StorePlotter {
public:
  StorePlotter(const StoredExperiment& overview, PlotRenderer& renderer,
               const StorePlotOptions& options, const DataLoader& load_data)
      : experiment_(overview), store_(RunStore::open_read_only(overview.store)),
        renderer_(renderer), options_(options), load_data_(load_data),
        pictures_(store_, renderer, options, load_data, overview.exp_dir,
                  [this](const std::string& text) { note(text); }) {}

  /// Checks the request against the runs' overview; writes nothing.
  void check() {
    const std::string store = store_.file().string();
    for (const auto& kind : options_.kinds)
      if (std::find(plot_kinds().begin(), plot_kinds().end(), kind) == plot_kinds().end())
        throw ConfigError("plot kind '" + kind + "': unknown; known: " + known_kinds());
    const auto& runs = experiment_.runs;
    if (runs.empty() && !experiment_.without_results.empty())
      throw ConfigError(
          store + ": no run has results to plot; " +
          left_out_line(experiment_.without_results.front().record) +
          (experiment_.without_results.size() > 1
               ? " (and " + std::to_string(experiment_.without_results.size() - 1) + " more)"
               : std::string()));
    if (runs.empty()) throw ConfigError(store + ": no runs stored");
    metric_ = options_.metric;
    if (metric_.empty()) metric_ = default_metric(runs);
    require_metric(runs, store, metric_);
    groups_ = group_runs(runs, store, options_.group_by);
    for (const auto& reference : options_.runs)
      named_.push_back(resolve_run(store_, reference));
  }

  /// Draws and renders everything asked for.
  StorePlots draw() {
    for (const StoredRun& run : experiment_.without_results)
      note("left out, no results: " + left_out_line(run.record));
    start();
    // A group's series are read while that group is drawn, and dropped after.
    for (const RunGroup& group : groups_.groups)
      draw_group(group);
    finish();
    for (const auto& id : named_)
      if (!drawn_.count(id)) {
        const StoredRun run = read_stored_run(store_, id, RunParts::series);
        add_run_plots(run, title(run_title(run.record.label, run.record.seed)));
      }
    return {renderer_.render(), notes_, statistics_};
  }

private:
  bool wanted(const std::string& kind) const {
    return options_.kinds.empty() ||
           std::find(options_.kinds.begin(), options_.kinds.end(), kind) != options_.kinds.end();
  }

  bool log_y() const { return options_.log_y.value_or(series_named(metric_).lower_is_better); }

  std::string title(const std::string& what) const { return experiment_.name + ": " + what; }

  void note(const std::string& text) {
    if (std::find(notes_.begin(), notes_.end(), text) == notes_.end()) notes_.push_back(text);
  }

  /// Which experiment plots apply (a note for each that does not); opens the sweep plots'
  /// data files.
  void start() {
    const bool accuracy = stores_series(experiment_.runs, "accuracy_test");
    accuracy_curves_ = wanted("accuracy") && accuracy;
    if (wanted("accuracy") && !accuracy) note("accuracy: skipped: no accuracy_test stored");
    speed_ = speed_metric(metric_, experiment_.runs);
    if (wanted("speed")) {
      target_ = options_.target.value_or(default_target(experiment_.runs, speed_));
      if (!stores_series(experiment_.runs, speed_))
        note("speed: skipped: no " + speed_ + " stored");
      else if (std::isnan(target_))
        note("speed: skipped: no run has a positive final " + speed_);
      else
        speeds_ = true;
    }
    if (wanted("differences")) start_statistics();
    if (wanted("sweep")) {
      // A line per run is readable, and quick to draw, up to about max_sweep_lines lines;
      // past that each group draws its first runs (the convergence plot has every run).
      const std::size_t groups = std::max<std::size_t>(groups_.groups.size(), 1);
      sweep_lines_ = std::max<std::size_t>(1, max_sweep_lines / groups);
      const bool capped =
          std::any_of(groups_.groups.begin(), groups_.groups.end(),
                      [&](const RunGroup& g) { return g.runs.size() > sweep_lines_; });
      const std::string which = capped ? " of the first " + std::to_string(sweep_lines_) +
                                             " run(s) of each group (of " +
                                             std::to_string(experiment_.runs.size()) + ")"
                                       : " of every run";
      sweep_metric_.emplace(renderer_, "sweep-" + metric_, title(series_title(metric_) + which),
                            axis_label(metric_, log_y()), log_y());
      if (accuracy && metric_ != "accuracy_test")
        sweep_accuracy_.emplace(renderer_, "sweep-accuracy_test", title("test accuracy" + which),
                                axis_label("accuracy_test", false), false);
    }
  }

  /// One group's part of the experiment plots, and its best run's own plots. The group's
  /// runs are read one at a time and only the series drawn are kept.
  void draw_group(const RunGroup& group) {
    const StoredRun* best = best_run(experiment_.runs, group, metric_);
    std::optional<StoredRun> best_loaded;
    std::vector<std::string> metrics{metric_};
    for (const std::string& metric :
         {std::string("accuracy_test"), speed_, compared_ ? compared_metric_ : metric_})
      if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end())
        metrics.push_back(metric);
    std::map<std::string, std::vector<arma::vec>> kept; // per metric drawn, per run
    for (const std::size_t r : group.runs) {
      const RunRecord run = store_.read_run(experiment_.runs[r].record.id, RunContent::series);
      for (const std::string& metric : metrics)
        kept[metric].push_back(series_of(run, metric));
    }
    if (best) best_loaded.emplace(read_stored_run(store_, best->record.id, RunParts::series));
    const auto series = [&](const std::string& metric, std::size_t limit = SIZE_MAX) {
      std::vector<const arma::vec*> list;
      for (const arma::vec& values : kept[metric])
        if (list.size() < limit) list.push_back(&values);
      return list;
    };
    if (sweep_metric_)
      sweep_metric_->add_group(group.label, group.colour, series(metric_, sweep_lines_));
    if (sweep_accuracy_)
      sweep_accuracy_->add_group(group.label, group.colour, series("accuracy_test", sweep_lines_));
    if (wanted("convergence")) {
      curves_.push_back(band_curve(group, series(metric_)));
      mark_pruned(curves_.back(), group, experiment_.runs);
    }
    if (accuracy_curves_) accuracy_bands_.push_back(band_curve(group, series("accuracy_test")));
    if (speeds_) {
      speed_rows_.push_back(speed_group(group, series(speed_), target_));
      for (const arma::vec* values : series(speed_))
        iterations_ = std::max(iterations_, static_cast<double>(values->n_elem));
    }
    if (compared_) {
      OutcomeGroup& outcome = outcomes_.emplace_back();
      outcome.label = group.label;
      outcome.colour = group.colour;
      const std::vector<arma::vec>& compared = kept[compared_metric_];
      for (std::size_t k = 0; k < group.runs.size(); ++k)
        add_outcome(outcome, experiment_.runs[group.runs[k]], compared_metric_, compared_target_,
                    &compared[k]);
      // A point successive halving pruned has no final values: nothing to compare.
      if (outcome.runs.empty() && outcome.failed_seeds.empty() && !group.runs.empty())
        outcomes_.pop_back();
    }
    if (!best_loaded) return;
    std::ostringstream text;
    text.precision(3);
    text << group.label << ", best of " << group.runs.size() << " (seed " << best->record.seed
         << ", " << series_title(metric_) << " " << final_value(*best, metric_) << ")";
    add_run_plots(*best_loaded, title(text.str()));
  }

  /// The experiment plots drawn from what the groups gave.
  void finish() {
    if (sweep_metric_) sweep_metric_->finish();
    if (sweep_accuracy_) sweep_accuracy_->finish();
    if (wanted("convergence"))
      add_convergence_plot(renderer_, curves_, experiment_.name, metric_, log_y());
    if (accuracy_curves_)
      add_convergence_plot(renderer_, accuracy_bands_, experiment_.name, "accuracy_test", false);
    if (wanted("heatmap")) add_heatmap();
    // (Successive halving may leave a single point with final values: nothing to compare.)
    if (compared_ && outcomes_.size() >= 2) {
      statistics_ = group_statistics(outcomes_, compared_metric_, compared_target_, {});
      add_statistics_plots(renderer_, *statistics_, experiment_.name);
    }
    add_sweep_analysis();
    if (speeds_) {
      std::ostringstream text;
      text.precision(3);
      text << "iterations to reach " << series_title(speed_) << " <= " << target_
           << (options_.target ? "" : " (10x the best final)");
      add_speed_plot(renderer_, "speed-" + speed_, speed_rows_, title(text.str()),
                     std::string(plot_style::iteration_label), iterations_);
    }
  }

  /// cost-<id> and the pictures of one run (its series loaded), as far as asked for.
  void add_run_plots(const StoredRun& run, const std::string& plot_title) {
    const RunRecord& record = run.record;
    drawn_.insert(record.id);
    const auto& left_out = experiment_.without_results;
    if (!has_results(run) ||
        std::any_of(left_out.begin(), left_out.end(),
                    [&](const StoredRun& other) { return other.record.id == record.id; }))
      return note("left out, no results: " + left_out_line(record)); // named by --run
    if (wanted("cost") && !record.series.cost_train.is_empty())
      add_cost_plot(renderer_, "cost-" + record.id, record.series, plot_title);
    pictures_.draw(run, plot_title);
  }

  /// Whether the runs form groups to compare with the first (a note if not), and on what.
  void start_statistics() {
    if (groups_.keys.size() != 1) {
      std::string keys;
      for (const auto& key : groups_.keys)
        keys += (keys.empty() ? "" : ", ") + key;
      return note("differences: skipped: it compares the groups of one key, the runs are "
                  "grouped by " +
                  (keys.empty() ? std::string("none") : keys));
    }
    if (groups_.groups.size() < 2)
      return note("differences: skipped: the runs form one group, nothing to compare");
    compared_metric_ =
        options_.metric.empty() ? default_compared_metric(experiment_.runs) : options_.metric;
    compared_target_ =
        !series_named(compared_metric_).lower_is_better
            ? std::nan("")
            : options_.target.value_or(default_target(experiment_.runs, compared_metric_));
    compared_ = true;
  }

  void add_heatmap() {
    if (groups_.keys.size() < 2) {
      std::string keys;
      for (const auto& key : groups_.keys)
        keys += (keys.empty() ? "" : ", ") + key;
      return note("heatmap: skipped: it needs two group keys, the runs are grouped by " +
                  (keys.empty() ? std::string("none") : keys));
    }
    add_heatmap_plot(renderer_, "heatmap-" + metric_,
                     final_value_heatmap(experiment_.runs, groups_, metric_),
                     title("final " + series_title(metric_) + ", median over seeds"),
                     "final " + series_title(metric_), series_named(metric_).lower_is_better);
  }

  /// parallel, slice, importance, history (those that do not apply say why only when asked
  /// for by name: most sweeps are not searches, and many vary one key).
  void add_sweep_analysis() {
    const auto asked = [&](const std::string& kind) { return wanted(kind); };
    // The sweep's own keys (a search's every drawn key), unless grouped by hand.
    const RunGroups points = options_.group_by.empty() ? group_runs(experiment_.runs, groups_.store,
                                                                    analysis_keys(experiment_.runs))
                                                       : groups_;
    const auto notes = add_sweep_analysis_plots(
        renderer_, sweep_points(experiment_, points, metric_, log_y()), experiment_.name, asked);
    if (!options_.kinds.empty())
      for (const auto& text : notes)
        note(text);
  }

  const StoredExperiment& experiment_; ///< the runs' overview: no series, no weights
  RunStore store_;
  PlotRenderer& renderer_;
  const StorePlotOptions& options_;
  const DataLoader& load_data_;
  RunPictures pictures_; ///< decision, neurons, network, movie, confusion, roc
  std::string metric_;
  RunGroups groups_;
  std::vector<std::string> named_; ///< options.runs, resolved to ids
  std::set<std::string> drawn_;    ///< runs whose own plots are drawn
  std::vector<std::string> notes_;
  // What the groups add to, as they are drawn one by one.
  bool accuracy_curves_ = false, speeds_ = false;
  std::string speed_;                  ///< the metric of the speed plot
  std::size_t sweep_lines_ = SIZE_MAX; ///< runs drawn per group in the sweep plots
  double target_ = std::nan(""), iterations_ = 1.0;
  std::optional<SweepPlot> sweep_metric_, sweep_accuracy_;
  std::vector<BandCurve> curves_, accuracy_bands_;
  std::vector<SpeedGroup> speed_rows_;
  // The differences: each group's outcomes, as they are read.
  bool compared_ = false;
  std::string compared_metric_;
  double compared_target_ = std::nan("");
  std::vector<OutcomeGroup> outcomes_;
  std::optional<GroupStatistics> statistics_;
};

} // namespace

const std::vector<std::string>& plot_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> all{"cost",    "convergence", "accuracy",  "decision",
                                 "heatmap", "speed",       "sweep",     "neurons",
                                 "network", "movie",       "confusion", "roc"};
    all.insert(all.end(), sweep_analysis_kinds().begin(), sweep_analysis_kinds().end());
    all.push_back("differences");
    return all;
  }();
  return kinds;
}

StorePlots draw_store_plots(const std::filesystem::path& store, PlotRenderer& renderer,
                            const StorePlotOptions& options, const DataLoader& load_data) {
  return draw_store_plots(load_experiment_store(store, RunParts::overview, options.run_ids),
                          renderer, options, load_data);
}

StorePlots draw_store_plots(const StoredExperiment& overview, PlotRenderer& renderer,
                            const StorePlotOptions& options, const DataLoader& load_data) {
  StorePlotter plotter(overview, renderer, options, load_data);
  plotter.check();
  return plotter.draw();
}

} // namespace nnlab
