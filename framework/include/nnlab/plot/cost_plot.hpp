#pragma once

#include <string>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

/// The course's plot_cost_vs_iter: train cost (red) and test cost (blue) vs iteration 1..n,
/// legend "Training set"/"Testing set" upper right without a frame. The data file holds
/// "iteration cost_train cost_test" (cost_test left out when the series is empty). Throws
/// PlotError on an empty train series or a test series of another length.
NNLAB_EXPORT void add_cost_plot(PlotRenderer& renderer, const std::string& stem,
                                const RunSeries& series, const std::string& title);

} // namespace nnlab
