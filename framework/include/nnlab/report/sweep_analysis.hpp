#pragma once

#include <functional>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/history_plot.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plot/slice_plot.hpp"
#include "nnlab/report/key_importance.hpp"
#include "nnlab/report/sweep_points.hpp"

namespace nnlab {

/// The kinds that show a sweep whole: parallel, slice, importance, history.
NNLAB_EXPORT const std::vector<std::string>& sweep_analysis_kinds();

/// The slice plot's panels: one per numeric key; the points that differ only in that key
/// joined into one curve per combination of the other keys (a grid), else each point a dot
/// with its seed band. Medians and bands are of the metric itself (not its log).
NNLAB_EXPORT std::vector<SlicePanel> slice_panels(const SweepPoints& sweep);

/// A search's history: the points in the order evaluated (sweep index of their first run),
/// runs spent = the runs of the points so far, the best median so far (lower or higher by
/// the metric). Points without a finite median keep the best before them.
NNLAB_EXPORT SearchHistory search_history(const SweepPoints& sweep,
                                          const std::vector<bool>& pruned = {});

/// Draws the kinds `wanted` asks for that apply, and returns one note for each asked for
/// that does not ("slice: skipped: ..."):
/// - parallel-<metric>, slice-<metric>, importance-<metric>: when two or more keys vary;
/// - history-<metric>: for search modes (random, tpe, halving, hyperband).
/// `log_metric` draws and analyses the metric on a log scale (a cost).
NNLAB_EXPORT std::vector<std::string>
add_sweep_analysis_plots(PlotRenderer& renderer, const SweepPoints& sweep,
                         const std::string& experiment_name,
                         const std::function<bool(const std::string&)>& wanted);

} // namespace nnlab
