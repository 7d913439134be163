#pragma once

#include <armadillo>
#include <cstddef>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// Sweep points on one panel of a slice plot: at x[i], the median of their runs' final
/// metric and the seed band [low, high] (min and max over the seeds).
struct SliceCurve {
  std::string label;      ///< the legend entry (empty: none)
  std::size_t colour = 0; ///< index into plot_style::palette
  arma::vec x, median, low, high;
  /// Joined by a line with a shaded band (the points of a grid that differ in this key
  /// only); otherwise dots with bars.
  bool connected = false;
};

/// One panel: the final metric against one numeric swept key.
struct SlicePanel {
  std::string key;
  bool log_x = false;
  std::vector<SliceCurve> curves;
};

/// The final metric against each numeric swept key, a panel per key (side by side, or in
/// two rows beyond three), the same y axis in every panel (log with log_y). Data: one
/// block per curve, "x median low high", panels in order. Throws PlotError without a panel
/// or without a finite value.
NNLAB_EXPORT void add_slice_plot(PlotRenderer& renderer, const std::string& stem,
                                 const std::vector<SlicePanel>& panels, const std::string& title,
                                 const std::string& y_label, bool log_y);

} // namespace nnlab
