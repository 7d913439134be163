#include "nnlab/plot/neuron_plot.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <vector>

#include "class_style.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/model/panel_pass.hpp"
#include "nnlab/plot/plot_frame.hpp"

namespace nnlab {

namespace {

constexpr arma::uword max_rows = 8;   // units in one column of maps
constexpr arma::uword max_units = 64; // units of a layer drawn
constexpr double header_px = 90, footer_px = 40, side_px = 30;

/// One column of the network: its maps' values (units x lattice points) and how to show them.
struct NeuronColumn {
  std::string header;
  arma::mat values;
  arma::uword shown = 0, rows = 0, columns = 0;
  double low = -1.0, high = 1.0;
};

NeuronColumn make_column(std::string header, arma::mat values, const Activation* f) {
  NeuronColumn column{std::move(header), std::move(values)};
  const arma::uword units = column.values.n_rows;
  column.shown = std::min(units, max_units);
  if (column.shown < units)
    column.header +=
        " (" + std::to_string(column.shown) + " of " + std::to_string(units) + " units)";
  column.rows = std::min(column.shown, max_rows);
  column.columns = (column.shown + column.rows - 1) / column.rows;
  using Kind = Activation::Kind;
  if (f && f->kind() == Kind::tanh) {
    column.low = -1.0, column.high = 1.0;
  } else if (f && (f->kind() == Kind::sigmoid || f->kind() == Kind::softmax)) {
    column.low = 0.0, column.high = 1.0;
  } else {
    const double reach = std::max(arma::abs(column.values).max(), 1e-12);
    column.low = -reach, column.high = reach;
  }
  return column;
}

} // namespace

void add_neuron_plot(PlotRenderer& renderer, const std::string& stem, const Mlp& mlp,
                     const DataSplit& data, const std::string& title, arma::uword grid,
                     const std::optional<PlotRange>& range_asked) {
  const auto where = "plot " + renderer.image_file(stem).string() + ": ";
  for (const auto* samples : {&data.train, &data.test})
    if (samples->X.n_cols > 0 && samples->X.n_rows != 2)
      throw PlotError(where + "the neurons' maps need data with 2 features, got " +
                      std::to_string(samples->X.n_rows));
  if (mlp.n_inputs() != 2)
    throw PlotError(where + "the network has " + std::to_string(mlp.n_inputs()) +
                    " inputs, the maps 2");
  if (grid < 2) throw PlotError(where + "the grid needs at least 2 x 2 cells");
  const PlotRange range = range_asked ? *range_asked : data_range(data);
  const arma::mat X = plot_detail::lattice_points(range, grid);
  PanelPass pass(mlp, X.n_cols);
  std::vector<arma::mat> activations;
  pass.forward_layers(mlp, X, activations);

  std::vector<NeuronColumn> columns;
  columns.push_back(make_column("inputs", X, nullptr));
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l) {
    const Activation& f = mlp.layer(l).activation();
    const bool output = l == mlp.n_layers();
    columns.push_back(make_column((output ? std::string("output") : "hidden " + std::to_string(l)) +
                                      ": " + f.name(),
                                  std::move(activations[l - 1]), &f));
  }

  // The canvas: cells of `cell` pixels, half a cell between the network's columns.
  arma::uword cells = 0, rows = 0;
  for (const auto& column : columns)
    cells += column.columns, rows = std::max(rows, column.rows);
  const double span = static_cast<double>(cells) + 0.5 * static_cast<double>(columns.size() - 1);
  const double cell = std::clamp(1100.0 / span, 90.0, 170.0);
  const PlotCanvas canvas{
      std::max(700, static_cast<int>(std::lround(2 * side_px + span * cell))),
      static_cast<int>(std::lround(header_px + footer_px + static_cast<double>(rows) * cell))};
  const double width = canvas.width, height = canvas.height;
  const double left = (width - span * cell) / 2.0; // the maps centred

  std::ostringstream text;
  text.precision(4);
  text << "# activation of each unit on a " << grid << " x " << grid
       << " lattice (matrix blocks, one per unit, in column order)\n";
  std::ostringstream body;
  body.precision(4);
  PlotFrame frame{title, "", ""};
  frame.title_on_canvas = true;
  frame.grid = PlotGrid::none;
  frame.key.place = PlotKey::Place::none;
  body << plot_preamble(frame) << "set multiplot\n"
       << "unset xtics\nunset ytics\nunset colorbox\n"
       << "set margins 0, 0, 0, 0\nset border lw 0.5 lc rgb '#999999'\n"
       << plot_detail::diverging_palette() << std::setprecision(10) << "set xrange [" << range.x_min
       << ":" << range.x_max << "]\nset yrange [" << range.y_min << ":" << range.y_max << "]\n"
       << std::setprecision(4);
  double x = left;
  int label = 2;
  for (const auto& column : columns) {
    const double column_width = static_cast<double>(column.columns) * cell;
    body << "set label " << label++ << " " << gnuplot_string(column.header) << " at screen "
         << (x + column_width / 2.0) / width << ", " << 1.0 - (header_px - 22.0) / height
         << " center font ',11'\n";
    x += column_width + 0.5 * cell;
  }
  body << "set label " << label << " "
       << gnuplot_string("each map: one unit's activation over the input plane; orange low, "
                         "white middle, blue high")
       << " at screen 0.5, " << 14.0 / height << " center font ',10'\n";

  const std::string file = gnuplot_string(stem + ".dat");
  const std::string using_ = plot_detail::matrix_using(range, grid);
  std::size_t block = 0;
  x = left;
  bool first = true;
  for (const auto& column : columns) {
    body << "set cbrange [" << column.low << ":" << column.high << "]\n";
    for (arma::uword u = 0; u < column.shown; ++u, ++block) {
      plot_detail::write_matrix_block(text, column.values.row(u), grid);
      text << plot_detail::block_end;
      const double cx = x + static_cast<double>(u / column.rows) * cell;
      // Each column centred vertically, as the network is drawn.
      const double cy = header_px + static_cast<double>(rows - column.rows) * cell / 2.0 +
                        static_cast<double>(u % column.rows) * cell;
      const double map = 0.86 * cell;
      body << "set origin " << (cx + 0.07 * cell) / width << ", "
           << 1.0 - (cy + 0.07 * cell + map) / height << "\nset size " << map / width << ", "
           << map / height << "\n"
           << "plot " << file << " index " << block << " matrix using " << using_
           << " with image notitle\n";
      if (first) body << "unset label\n"; // the title and headers once
      first = false;
    }
    x += static_cast<double>(column.columns) * cell + 0.5 * cell;
  }
  body << "unset multiplot\n";
  renderer.write_data(stem, text.str());
  renderer.add(stem, body.str(), canvas);
}

} // namespace nnlab
