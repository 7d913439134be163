#pragma once

#include <armadillo>
#include <optional>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plugin/dataset.hpp"

namespace nnlab {

/// An axis-aligned box in the plane of the two features.
struct PlotRange {
  double x_min, x_max, y_min, y_max;
};

/// The box around both splits' points (features 0 and 1) with `margin` (a fraction of the
/// span; a zero span counts as 1) on each side. Throws PlotError on data with fewer than 2
/// features or no points.
NNLAB_EXPORT PlotRange data_range(const DataSplit& data, double margin = 0.05);

/// The course's get_decision_surface + plot_scatter for 2-D data: the class mlp predicts
/// (metrics' predict()) at the centres of a grid x grid lattice of cells tiling
/// data_range(data), filled orange (class 0) / dodgerblue (class 1) at opacity 0.3, or a
/// light palette colour per class for k > 2; train points as dots and test points as
/// crosses, coloured by their true class. Data blocks: 0 = the lattice "x y class" (one
/// blank line between rows of constant y), then train "x y class", then test. Throws
/// PlotError unless the data has 2 features and mlp 2 inputs. `range` replaces data_range(data)
/// (points outside it are clipped).
NNLAB_EXPORT void add_decision_plot(PlotRenderer& renderer, const std::string& stem, const Mlp& mlp,
                                    const DataSplit& data, const std::string& title,
                                    arma::uword grid = 150,
                                    const std::optional<PlotRange>& range = std::nullopt);

} // namespace nnlab
