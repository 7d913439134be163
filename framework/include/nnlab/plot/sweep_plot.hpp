#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// Curves of one group (a sweep point): one colour, one thin line per run (seed).
/// curves[r][i] is the value at iteration i + 1.
struct CurveGroup {
  std::string label;
  std::vector<arma::vec> curves;
};

/// One series (e.g. test cost) vs iteration for every run of an experiment: one palette
/// colour per group (the palette repeats with dashes after 10 groups), the group's label
/// once in a legend outside the plot area. Curves longer than plot_style::max_curve_points
/// are thinned in the data file (every k-th iteration plus the last). With log_y, values
/// <= 0 or far below the largest are drawn at a floor; without any positive value the
/// axis stays linear. Data: one block per non-empty curve, "iteration value". Throws
/// PlotError when no group has a non-empty curve.
NNLAB_EXPORT void add_sweep_plot(PlotRenderer& renderer, const std::string& stem,
                                 const std::vector<CurveGroup>& groups, const std::string& title,
                                 const std::string& y_label, bool log_y);

} // namespace nnlab
