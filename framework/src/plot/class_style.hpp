#pragma once

// Private to plot/: how every picture of 2-D data colours and names classes and values,
// and the lattice of points a network is evaluated on (decision surface, neurons, movie).

#include <armadillo>
#include <cstdint>
#include <ostream>
#include <string>

#include "nnlab/plot/decision_surface.hpp"
#include "nnlab/plugin/dataset.hpp"

namespace nnlab::plot_detail {

/// rgb drawn at `opacity` over white, as one opaque colour (the course's alpha=0.3 fill).
std::uint32_t blend_on_white(std::uint32_t rgb, double opacity);

/// Class c of k: orange / dodgerblue for two classes (the course's), the palette for more.
std::uint32_t class_colour(arma::uword c, arma::uword k);

/// The data's name of class c, else "Positive"/"Negative" (two classes) or "class c".
std::string class_name(const DataSplit& data, arma::uword c, arma::uword k);

/// Feature i's name, else "x<i+1>".
std::string feature_name(const DataSplit& data, arma::uword i);

/// A gnuplot palette from orange (low) through white (middle) to dodgerblue (high), the
/// colours of the negative and positive class: an activation's sign, an output's class.
std::string diverging_palette();

/// The centres of a grid x grid lattice of cells tiling `range`: column row * grid + col
/// is (x_min + (col + 0.5) dx, y_min + (row + 0.5) dy).
arma::mat lattice_points(const PlotRange& range, arma::uword grid);

/// One value per lattice point as a block of gnuplot matrix data: a line per row of
/// constant y, values separated by spaces.
void write_matrix_block(std::ostream& out, const arma::rowvec& values, arma::uword grid);

/// `using` for such a block drawn `with image` over `range`: "(x):(y):3".
std::string matrix_using(const PlotRange& range, arma::uword grid);

/// Two blank lines: the end of a gnuplot data block (the next is `index` + 1).
inline constexpr const char* block_end = "\n\n";

} // namespace nnlab::plot_detail
