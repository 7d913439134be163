#pragma once

#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/band_plot.hpp"
#include "nnlab/plot/heatmap_plot.hpp"
#include "nnlab/plot/speed_plot.hpp"
#include "nnlab/report/run_groups.hpp"

namespace nnlab {

/// One group's curve: its runs' series (`series`, one per run) as median and min-max band
/// (series_band), in the group's label and colour.
NNLAB_EXPORT BandCurve band_curve(const RunGroup& group,
                                  const std::vector<const arma::vec*>& series);

/// Draws the curve faint, its label ending " (pruned at N)", when successive halving pruned
/// every run of the group (N: the rung, the most iterations any of them did).
NNLAB_EXPORT void mark_pruned(BandCurve& curve, const RunGroup& group,
                              const std::vector<StoredRun>& runs);

/// Per group, the series `metric` of its runs (loaded with their series) as band_curve().
NNLAB_EXPORT std::vector<BandCurve> band_curves(const std::vector<StoredRun>& runs,
                                                const RunGroups& groups, const std::string& metric);

/// The y axis of a plot of `metric` over iterations: "Test cost (log scale)", "Test accuracy".
NNLAB_EXPORT std::string axis_label(const std::string& metric, bool log_y);

/// convergence-<metric>: the curves over iterations, titled "<name>: <metric>, median and
/// min-max over seeds", with bands where bands_readable() (else "median over seeds").
NNLAB_EXPORT void add_convergence_plot(PlotRenderer& renderer, const std::vector<BandCurve>& curves,
                                       const std::string& name, const std::string& metric,
                                       bool log_y);

/// The median final `metric` of the runs in each cell of the first two group keys (rows:
/// keys[0], columns: keys[1]; values in order of first appearance; runs differing in
/// further keys share a cell). Throws PlotError with fewer than two keys.
NNLAB_EXPORT Heatmap final_value_heatmap(const std::vector<StoredRun>& runs,
                                         const RunGroups& groups, const std::string& metric);

/// The default target of the speed plot: 10 times the best (smallest positive) final value
/// of `metric` over the runs, so the plot asks "how fast did each group get within a factor
/// of ten of the best run?". NaN when no run has a positive final value.
NNLAB_EXPORT double default_target(const std::vector<StoredRun>& runs, const std::string& metric);

/// For one group, the first iteration (1-based) at which each of its runs' series (one per
/// run) is <= target, and the runs that never get there.
NNLAB_EXPORT SpeedGroup speed_group(const RunGroup& group,
                                    const std::vector<const arma::vec*>& series, double target);

/// speed_group() of each group, on the series `metric` of its runs (loaded with their
/// series).
NNLAB_EXPORT std::vector<SpeedGroup> speed_groups(const std::vector<StoredRun>& runs,
                                                  const RunGroups& groups,
                                                  const std::string& metric, double target);

} // namespace nnlab
