#include "nnlab/engine/experiment_plots.hpp"

#include <map>

#include "nnlab/plot/cost_plot.hpp"
#include "nnlab/plot/decision_surface.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plot/sweep_plot.hpp"

namespace nnlab {

namespace {

std::string run_title(const std::string& name, const RunRecord& record) {
  const std::string label = record.label.empty() ? "" : " " + record.label;
  return name + ":" + label + " seed " + std::to_string(record.seed);
}

std::vector<CurveGroup> group_curves(const std::vector<RunRecord>& records,
                                     arma::vec RunSeries::*series) {
  std::vector<CurveGroup> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& record : records) {
    const auto [it, fresh] = index.emplace(record.label, groups.size());
    if (fresh) groups.push_back(CurveGroup{record.label.empty() ? "all runs" : record.label, {}});
    groups[it->second].curves.push_back(record.series.*series);
  }
  return groups;
}

} // namespace

std::vector<std::filesystem::path> plot_experiment(const std::string& name,
                                                   const std::vector<PreparedRun>& runs,
                                                   const std::vector<RunRecord>& records,
                                                   const std::filesystem::path& dir) {
  PlotRenderer renderer(dir);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const RunRecord& record = records[i];
    const std::string title = run_title(name, record);
    add_cost_plot(renderer, "cost-" + record.id, record.series, title);
    if (runs[i].data->train.X.n_rows == 2 && record.status != RunStatus::failed) {
      Mlp mlp(runs[i].architecture);
      mlp.load_weights(record.weights);
      add_decision_plot(renderer, "decision-" + record.id, mlp, *runs[i].data, title);
    }
  }
  add_sweep_plot(renderer, "sweep-cost_test", group_curves(records, &RunSeries::cost_test),
                 name + ": test cost of every run", "Test cost", true);
  add_sweep_plot(renderer, "sweep-accuracy_test", group_curves(records, &RunSeries::accuracy_test),
                 name + ": test accuracy of every run", "Test accuracy", false);
  return renderer.render();
}

} // namespace nnlab
