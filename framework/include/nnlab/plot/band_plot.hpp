#pragma once

#include <armadillo>
#include <cstddef>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// One group's curve: the median over its runs with the min-max band around it;
/// element i is iteration i + 1 (NaN where no run counts).
struct BandCurve {
  std::string label;
  std::size_t colour = 0; ///< index into plot_style::palette
  arma::vec median, min, max;
  /// gnuplot dash type; 0: solid for the palette's first round, dashed beyond
  std::size_t dash = 0;
  /// Drawn faint (a thin, mostly transparent line, no band): a point successive halving
  /// pruned, its curve ending at its rung.
  bool faint = false;
};

/// A metric vs iteration, one curve per group: the median as a line over its min-max band
/// (filledcurves, transparent) in the group's palette colour; legend beside the plot, or
/// below it for long labels. Curves are thinned like add_sweep_plot's. With log_y, values
/// <= 0 or far below the largest are drawn at a floor. Data: one block per group,
/// "iteration median min max". Without `bands` only the medians are drawn (the data file
/// still holds min and max). Throws PlotError when no curve has a value.
NNLAB_EXPORT void add_band_plot(PlotRenderer& renderer, const std::string& stem,
                                const std::vector<BandCurve>& curves, const std::string& title,
                                const std::string& y_label, bool log_y, bool bands = true);

/// Whether a band plot of `groups` curves shows the min-max bands: on a log axis the curves
/// stay apart; on a linear one (accuracy, which saturates at 1) more than 4 bands pile up.
NNLAB_EXPORT bool bands_readable(std::size_t groups, bool log_y);

} // namespace nnlab
