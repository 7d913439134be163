#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// How fast one group's runs got somewhere: the iteration each run first reached it, and
/// how many runs never did.
struct SpeedGroup {
  std::string label;
  std::size_t colour = 0; ///< index into plot_style::palette
  std::vector<double> reached;
  std::size_t never = 0;
};

/// The group's median iteration, a run that never got there counting as later than any:
/// +inf when half or more of the runs never did, NaN without runs.
NNLAB_EXPORT double median_iterations(const SpeedGroup& group);

/// One row per group (labels on the y axis, first group on top): a dot per run at the
/// iteration it reached the target, a black diamond at the group's median_iterations() (in
/// the "never" column when that is never), and the runs that never did as open triangles
/// in a "never" column beyond `iterations` (the longest run), counted in the label ("2 of 3
/// never"). Data blocks: 0 = "iteration row colour" per run that reached, 1 = "median
/// row", 2 = "x row colour" per run that never did.
/// Throws PlotError without groups.
NNLAB_EXPORT void add_speed_plot(PlotRenderer& renderer, const std::string& stem,
                                 const std::vector<SpeedGroup>& groups, const std::string& title,
                                 const std::string& x_label, double iterations);

} // namespace nnlab
