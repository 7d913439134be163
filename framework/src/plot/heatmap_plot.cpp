#include "nnlab/plot/heatmap_plot.hpp"

#include <cmath>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"

namespace nnlab {

namespace {

std::string tick_list(const std::vector<std::string>& values) {
  std::ostringstream ticks;
  ticks << "(";
  for (std::size_t i = 0; i < values.size(); ++i)
    ticks << (i > 0 ? ", " : "") << gnuplot_string(values[i]) << " " << i;
  ticks << ")";
  return ticks.str();
}

} // namespace

void add_heatmap_plot(PlotRenderer& renderer, const std::string& stem, const Heatmap& map,
                      const std::string& title, const std::string& value_label, bool log_colour) {
  const arma::vec finite = map.value.elem(arma::find_finite(map.value));
  if (map.value.is_empty() || finite.is_empty())
    throw PlotError("plot " + renderer.image_file(stem).string() + ": no values to plot");
  std::ostringstream data;
  data.precision(10);
  data << "# " << map.column_key << " (column) x " << map.row_key
       << " (row): column row value (NaN: no run)\n";
  for (arma::uword r = 0; r < map.value.n_rows; ++r) {
    if (r > 0) data << '\n';
    for (arma::uword c = 0; c < map.value.n_cols; ++c)
      data << c << ' ' << r << ' ' << map.value(r, c) << '\n';
  }
  renderer.write_data(stem, data.str());

  const bool log_scale = log_colour && finite.min() > 0.0 && finite.max() > finite.min();
  const std::string file = gnuplot_string(stem + ".dat");
  PlotFrame frame{title, map.column_key, map.row_key};
  frame.grid = PlotGrid::none; // the cells are the data
  frame.key.place = PlotKey::Place::none;
  std::ostringstream body;
  body << plot_preamble(frame) << "set ylabel offset -1,0\n" // clear of the ticks
       << "set cblabel " << gnuplot_string(value_label + (log_scale ? " (log scale)" : "")) << "\n"
       << "set xtics " << tick_list(map.column_values) << " noenhanced\n"
       << "set ytics " << tick_list(map.row_values) << " noenhanced\n"
       << "set xrange [-0.5:" << map.value.n_cols - 0.5 << "]\n"
       << "set yrange [-0.5:" << map.value.n_rows - 0.5 << "]\n"
       << "set tics scale 0\n"
       << "set palette rgb 33,13,10\n" // blue (low) to red (high): low cost is good
       << (log_scale ? "set logscale cb\n" : "") << "plot " << file
       << " using 1:2:3 with image, \\\n     " << file
       << " using 1:2:($3 == $3 ? sprintf('%.3g', $3) : 'no run') with labels font ',11' "
          "tc rgb '#000000'\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
