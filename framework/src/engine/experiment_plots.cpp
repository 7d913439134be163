#include "nnlab/engine/experiment_plots.hpp"

#include <algorithm>

#include "nnlab/engine/store_plots.hpp"
#include "nnlab/plot/cost_plot.hpp"
#include "nnlab/plot/decision_surface.hpp"

namespace nnlab {

ExperimentPlotter::ExperimentPlotter(std::string name, const std::filesystem::path& dir,
                                     std::filesystem::path store, std::size_t max_run_plots)
    : name_(std::move(name)), store_(std::move(store)), renderer_(dir),
      max_run_plots_(max_run_plots) {}

void ExperimentPlotter::add_run(const PreparedRun& run, const RunRecord& record) {
  const std::string title = name_ + ":" + (record.label.empty() ? "" : " " + record.label) +
                            " seed " + std::to_string(record.seed);
  const bool plot_run = runs_++ < max_run_plots_;
  if (plot_run) add_cost_plot(renderer_, "cost-" + record.id, record.series, title);
  if (plot_run && run.data->train.X.n_rows == 2 && record.status != RunStatus::failed) {
    Mlp mlp(run.architecture);
    mlp.load_weights(record.weights);
    add_decision_plot(renderer_, "decision-" + record.id, mlp, *run.data, title);
  }
  const auto [it, fresh] = group_of_.emplace(record.label, cost_groups_.size());
  if (fresh) {
    const std::string label = record.label.empty() ? "all runs" : record.label;
    cost_groups_.push_back(CurveGroup{label, {}});
    accuracy_groups_.push_back(CurveGroup{label, {}});
  }
  cost_groups_[it->second].curves.push_back(record.series.cost_test);
  accuracy_groups_[it->second].curves.push_back(record.series.accuracy_test);
  StoredRun kept{record, run.config};
  kept.record.weights.clear();
  runs_kept_.push_back(std::move(kept));
}

std::vector<std::filesystem::path> ExperimentPlotter::render() {
  add_sweep_plot(renderer_, "sweep-cost_test", cost_groups_, name_ + ": test cost of every run",
                 "Test cost", true);
  add_sweep_plot(renderer_, "sweep-accuracy_test", accuracy_groups_,
                 name_ + ": test accuracy of every run", "Test accuracy", false);
  StoredExperiment experiment{store_, name_, std::move(runs_kept_), {}, 0, {}};
  StorePlotOptions options;
  options.kinds = {"convergence", "accuracy", "heatmap", "speed"};
  const bool any_curve =
      std::any_of(experiment.runs.begin(), experiment.runs.end(),
                  [](const StoredRun& run) { return !run.record.series.cost_train.is_empty(); });
  if (any_curve) // the notes name kinds that do not apply: nothing to report here
    add_store_plots(renderer_, experiment, options, nullptr);
  return renderer_.render();
}

} // namespace nnlab
