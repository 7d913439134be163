#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// A value over two swept keys: value(r, c) belongs to row_values[r] x column_values[c]
/// (NaN: no run there).
struct Heatmap {
  std::string row_key, column_key;
  std::vector<std::string> row_values, column_values;
  arma::mat value;
};

/// One coloured cell per pair of values with the value printed in it (3 significant
/// digits), the keys' values as tick labels; a log colour scale with log_colour when every
/// value is positive. Data: "column row value" rows, one block line per row. Throws
/// PlotError when the map is empty or has no finite value.
NNLAB_EXPORT void add_heatmap_plot(PlotRenderer& renderer, const std::string& stem,
                                   const Heatmap& map, const std::string& title,
                                   const std::string& value_label, bool log_colour);

} // namespace nnlab
