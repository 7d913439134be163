#pragma once

#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// One bar of an importance plot.
struct ImportanceBar {
  std::string name;   ///< a key path, "interactions" or "seed"
  double value = 0.0; ///< in [0, 1]; NaN is drawn as "n/a"
};

/// Horizontal bars, first bar on top, each with its value printed beside it, on an x axis
/// from 0 to 1 labelled `x_label` ("share of the variance of ..." or "|Spearman rho| ..."),
/// with `note` (e.g. why the variance is not split) in small type at the bottom right.
/// Data: "index value name" rows. Throws PlotError without a bar.
NNLAB_EXPORT void add_importance_plot(PlotRenderer& renderer, const std::string& stem,
                                      const std::vector<ImportanceBar>& bars,
                                      const std::string& title, const std::string& x_label,
                                      const std::string& note = "");

} // namespace nnlab
