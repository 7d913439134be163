#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// One comparison of a group with the baseline, as a difference plot shows it.
struct DifferenceRow {
  /// e.g. "momentum (20 seeds)"; beyond 48 characters its middle gives way to "..."
  std::string label;
  std::size_t colour = 0; ///< index into plot_style::palette: the group's colour
  /// One per seed (group - baseline of the same seed); empty when the comparison is
  /// unpaired, which shows its estimate and interval alone.
  std::vector<double> differences;
  double estimate = std::numeric_limits<double>::quiet_NaN();
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
};

/// One row per comparison (the first on top): a dot per seed at its difference, the
/// estimate as a black diamond with its interval as a black bar, and a dashed line at 0,
/// where the group and the baseline do equally well. An infinite difference (a run that
/// never reached the target against one that did) or interval end is drawn in a column of
/// its own beyond the finite ones, ticked "-inf" or "+inf". Data blocks: 0 = "difference
/// row colour" per seed, 1 = "estimate row low high" per comparison. `estimate_label`
/// names the diamond and bar in the legend ("median, 95 % interval"). Throws PlotError
/// without rows.
NNLAB_EXPORT void add_difference_plot(PlotRenderer& renderer, const std::string& stem,
                                      const std::vector<DifferenceRow>& rows,
                                      const std::string& title, const std::string& x_label,
                                      const std::string& estimate_label);

} // namespace nnlab
