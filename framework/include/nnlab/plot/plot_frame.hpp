#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "nnlab/export.hpp"

namespace nnlab {

/// Where a plot's legend goes. Every legend is drawn the same way: no box, each sample
/// left of its text (Left reverse).
struct PlotKey {
  enum class Place {
    inside, ///< in the plot area's upper right corner (the course's cost plot)
    /// beside the plot on the right, or below it in one or two columns when the longest
    /// entry (`longest_label` characters) is too long to sit beside it
    outside,
    screen, ///< anchored at (x, y) in screen coordinates by `anchor` ("left center")
    none,   ///< no legend
  };
  Place place = Place::outside;
  std::size_t longest_label = 0; ///< outside: the longest entry
  double x = 0.0, y = 0.0;       ///< screen
  std::string anchor;            ///< screen: gnuplot's position words, e.g. "center bottom"
  bool horizontal = false;       ///< screen: entries side by side
};

/// The grid lines drawn under the data, in plot_style::grid_colour.
enum class PlotGrid { none, x, both };

/// What every nnlab plot states the same way: its title, axis labels, grid and legend.
struct PlotFrame {
  PlotFrame(std::string title_, std::string x_label_, std::string y_label_)
      : title(std::move(title_)), x_label(std::move(x_label_)), y_label(std::move(y_label_)) {}

  std::string title;
  std::string x_label; ///< empty: none; plots over iterations use plot_style::iteration_label
  std::string y_label; ///< empty: none
  PlotGrid grid = PlotGrid::both;
  PlotKey key;
  /// Centre the title on the canvas rather than over the plot area (when long tick labels
  /// push the plot area to one side).
  bool title_on_canvas = false;
};

/// The gnuplot lines that set up `frame`, the first lines of every plot's script body:
/// every kind gets its title, labels, grid and legend from here, so the plots agree.
NNLAB_EXPORT std::string plot_preamble(const PlotFrame& frame);

} // namespace nnlab
