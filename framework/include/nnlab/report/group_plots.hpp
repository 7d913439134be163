#pragma once

#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/band_plot.hpp"
#include "nnlab/plot/heatmap_plot.hpp"
#include "nnlab/plot/speed_plot.hpp"
#include "nnlab/report/run_groups.hpp"

namespace nnlab {

/// Per group, the series `metric` of its runs as median and min-max band (series_band).
NNLAB_EXPORT std::vector<BandCurve> band_curves(const std::vector<StoredRun>& runs,
                                                const RunGroups& groups, const std::string& metric);

/// convergence-<metric>: the curves over iterations, titled "<name>: <metric>, median and
/// min-max over seeds", with bands where bands_readable() (else "median over seeds").
NNLAB_EXPORT void add_convergence_plot(PlotRenderer& renderer, const std::vector<BandCurve>& curves,
                                       const std::string& name, const std::string& metric,
                                       bool log_y);

/// The last value of a run's series `metric` (NaN when empty).
NNLAB_EXPORT double final_value(const StoredRun& run, const std::string& metric);

/// The median final `metric` of the runs in each cell of the first two group keys (rows:
/// keys[0], columns: keys[1]; values in order of first appearance; runs differing in
/// further keys share a cell). Throws PlotError with fewer than two keys.
NNLAB_EXPORT Heatmap final_value_heatmap(const std::vector<StoredRun>& runs,
                                         const RunGroups& groups, const std::string& metric);

/// The default target of the speed plot: 10 times the best (smallest positive) final value
/// of `metric` over the runs, so the plot asks "how fast did each group get within a factor
/// of ten of the best run?". NaN when no run has a positive final value.
NNLAB_EXPORT double default_target(const std::vector<StoredRun>& runs, const std::string& metric);

/// Per group, the first iteration (1-based) at which each run's `metric` is <= target, and
/// the runs that never get there.
NNLAB_EXPORT std::vector<SpeedGroup> speed_groups(const std::vector<StoredRun>& runs,
                                                  const RunGroups& groups,
                                                  const std::string& metric, double target);

} // namespace nnlab
