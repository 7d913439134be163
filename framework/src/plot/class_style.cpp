#include "class_style.hpp"

#include <cmath>
#include <sstream>

#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab::plot_detail {

std::uint32_t blend_on_white(std::uint32_t rgb, double opacity) {
  std::uint32_t blended = 0;
  for (const int shift : {16, 8, 0}) {
    const double channel = static_cast<double>((rgb >> shift) & 0xffU);
    const double mixed = opacity * channel + (1.0 - opacity) * 255.0;
    blended |= static_cast<std::uint32_t>(std::lround(mixed)) << shift;
  }
  return blended;
}

std::uint32_t class_colour(arma::uword c, arma::uword k) {
  if (k == 2) return c == 0 ? plot_style::negative_class : plot_style::positive_class;
  return plot_style::palette[c % plot_style::palette.size()];
}

std::string class_name(const DataSplit& data, arma::uword c, arma::uword k) {
  if (c < data.class_names.size() && !data.class_names[c].empty()) return data.class_names[c];
  if (k == 2) return c == 1 ? "Positive" : "Negative";
  return "class " + std::to_string(c);
}

std::string feature_name(const DataSplit& data, arma::uword i) {
  return i < data.feature_names.size() ? data.feature_names[i] : "x" + std::to_string(i + 1);
}

std::string diverging_palette() {
  return "set palette defined (0 " + gnuplot_colour(plot_style::negative_class) + ", 0.5 " +
         gnuplot_colour(0xffffff) + ", 1 " + gnuplot_colour(plot_style::positive_class) + ")\n";
}

arma::mat lattice_points(const PlotRange& range, arma::uword grid) {
  const double dx = (range.x_max - range.x_min) / static_cast<double>(grid);
  const double dy = (range.y_max - range.y_min) / static_cast<double>(grid);
  arma::mat X(2, grid * grid);
  for (arma::uword row = 0; row < grid; ++row)
    for (arma::uword col = 0; col < grid; ++col) {
      X(0, row * grid + col) = range.x_min + (static_cast<double>(col) + 0.5) * dx;
      X(1, row * grid + col) = range.y_min + (static_cast<double>(row) + 0.5) * dy;
    }
  return X;
}

void write_matrix_block(std::ostream& out, const arma::rowvec& values, arma::uword grid) {
  for (arma::uword row = 0; row < grid; ++row) {
    for (arma::uword col = 0; col < grid; ++col)
      out << (col > 0 ? " " : "") << values[row * grid + col];
    out << '\n';
  }
}

std::string matrix_using(const PlotRange& range, arma::uword grid) {
  const double dx = (range.x_max - range.x_min) / static_cast<double>(grid);
  const double dy = (range.y_max - range.y_min) / static_cast<double>(grid);
  std::ostringstream text;
  text.precision(10);
  text << "(" << range.x_min << " + ($1 + 0.5) * " << dx << "):(" << range.y_min
       << " + ($2 + 0.5) * " << dy << "):3";
  return text.str();
}

} // namespace nnlab::plot_detail
