#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plot/sweep_plot.hpp"
#include "nnlab/report/run_groups.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// An experiment's plots, fed one run at a time (so a big sweep never holds every run):
/// per run cost-<id>.png and, for 2-D data, decision-<id>.png; per experiment
/// sweep-cost_test.png and sweep-accuracy_test.png (one colour per sweep point, one line
/// per seed), and the store_plots kinds convergence, accuracy, heatmap and speed (as
/// `runner plot` draws them; kinds that do not apply are left out). Each PNG has its .gp script and
/// .dat data beside it. Per-run plots are drawn for the first `max_run_plots` runs only (thousands
/// of them help nobody); the sweep plots always cover every run.
class NNLAB_EXPORT ExperimentPlotter {
public:
  /// `store` names the runs' store in messages.
  ExperimentPlotter(std::string name, const std::filesystem::path& dir,
                    std::filesystem::path store = {}, std::size_t max_run_plots = 100);

  /// Writes the run's plot scripts and data, and keeps its curves for the sweep plots.
  void add_run(const PreparedRun& run, const RunRecord& record);
  /// Adds the sweep plots and renders everything; returns the PNGs.
  std::vector<std::filesystem::path> render();

private:
  std::string name_;
  std::filesystem::path store_;
  PlotRenderer renderer_;
  std::vector<StoredRun> runs_kept_; // without weights, for the per-group plots
  std::size_t max_run_plots_, runs_ = 0;
  std::vector<CurveGroup> cost_groups_, accuracy_groups_;
  std::map<std::string, std::size_t> group_of_;
};

} // namespace nnlab
