#include "nnlab/plot/decision_surface.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <vector>

#include "class_style.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/model/panel_pass.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"
#include "nnlab/train/metrics.hpp"

namespace nnlab {

namespace {

using plot_detail::blend_on_white;
using plot_detail::class_colour;
using plot_detail::class_name;

/// Classes the plot must colour: what the network can predict and every label present.
arma::uword n_classes(const Mlp& mlp, const DataSplit& data) {
  arma::uword k =
      std::max<arma::uword>(mlp.n_outputs() == 1 ? 2 : mlp.n_outputs(), data.class_names.size());
  for (const auto* labels : {&data.train.y, &data.test.y})
    if (!labels->is_empty()) k = std::max(k, static_cast<arma::uword>(labels->max()) + 1);
  return k;
}

/// Throws unless every split with points has exactly `n` features (at least `n` if !exact).
void check_features(const DataSplit& data, arma::uword n, bool exact, const std::string& where) {
  for (const auto* samples : {&data.train, &data.test})
    if (samples->X.n_cols > 0 && (exact ? samples->X.n_rows != n : samples->X.n_rows < n))
      throw PlotError(where + "a plot over 2 features (x, y) got data with " +
                      std::to_string(samples->X.n_rows));
}

void write_points(std::ostringstream& data, const Samples& samples, const std::string& name) {
  data << "\n\n# " << name << " points: x y class\n";
  for (arma::uword j = 0; j < samples.X.n_cols; ++j)
    data << samples.X(0, j) << ' ' << samples.X(1, j) << ' ' << samples.y[j] << '\n';
}

} // namespace

PlotRange data_range(const DataSplit& data, double margin) {
  check_features(data, 2, false, "plot range: ");
  double x_min = std::numeric_limits<double>::infinity(), x_max = -x_min;
  double y_min = x_min, y_max = x_max;
  for (const auto* X : {&data.train.X, &data.test.X})
    for (arma::uword j = 0; j < X->n_cols; ++j) {
      x_min = std::min(x_min, (*X)(0, j)), x_max = std::max(x_max, (*X)(0, j));
      y_min = std::min(y_min, (*X)(1, j)), y_max = std::max(y_max, (*X)(1, j));
    }
  if (!(x_min <= x_max)) throw PlotError("plot range: the data has no points");
  const double x_pad = margin * (x_max > x_min ? x_max - x_min : 1.0);
  const double y_pad = margin * (y_max > y_min ? y_max - y_min : 1.0);
  return {x_min - x_pad, x_max + x_pad, y_min - y_pad, y_max + y_pad};
}

void add_decision_plot(PlotRenderer& renderer, const std::string& stem, const Mlp& mlp,
                       const DataSplit& data, const std::string& title, arma::uword grid,
                       const std::optional<PlotRange>& range_asked) {
  const auto where = "plot " + (renderer.dir() / (stem + ".png")).string() + ": ";
  check_features(data, 2, true, where);
  if (mlp.n_inputs() != 2)
    throw PlotError(where + "the network has " + std::to_string(mlp.n_inputs()) +
                    " inputs, the data 2 features");
  if (grid < 2) throw PlotError(where + "the grid needs at least 2 x 2 cells");
  const PlotRange range = range_asked ? *range_asked : data_range(data);

  // Cell centres, so the image tiles the range exactly.
  const arma::mat X_grid = plot_detail::lattice_points(range, grid);
  // In panels: the nodes of a whole 300 x 300 lattice through 256-unit layers would take
  // 2 GB.
  PanelPass pass(mlp, X_grid.n_cols);
  const arma::urowvec predicted = predict(pass.forward(mlp, X_grid));

  std::ostringstream data_text;
  data_text.precision(8);
  data_text << "# predicted class on a " << grid << " x " << grid << " lattice: x y class\n";
  for (arma::uword row = 0; row < grid; ++row) {
    if (row > 0) data_text << '\n'; // one scan line per row
    for (arma::uword col = 0; col < grid; ++col) {
      const arma::uword j = row * grid + col;
      data_text << X_grid(0, j) << ' ' << X_grid(1, j) << ' ' << predicted[j] << '\n';
    }
  }
  // Only non-empty splits get a block, so block numbers follow the splits present.
  struct PointBlock {
    const Samples* samples;
    bool train;
    std::size_t index;
  };
  std::vector<PointBlock> blocks;
  for (const bool train : {true, false}) {
    const Samples& samples = train ? data.train : data.test;
    if (samples.X.n_cols == 0) continue;
    write_points(data_text, samples, train ? "train" : "test");
    blocks.push_back({&samples, train, blocks.size() + 1});
  }
  renderer.write_data(stem, data_text.str());

  const arma::uword k = n_classes(mlp, data);
  const std::string file = gnuplot_string(stem + ".dat");
  const auto label = [&](arma::uword i) { return plot_detail::feature_name(data, i); };
  // The box is 0.8 of the canvas height high and as many pixels wide.
  constexpr double left = 0.09;
  const double right = left + 0.8 * plot_style::height / plot_style::width;
  PlotFrame frame{title, label(0), label(1)};
  // The square plot box sits left of the canvas' centre: the title is centred on the canvas.
  frame.title_on_canvas = true;
  frame.grid = PlotGrid::none; // the class regions are the data
  frame.key = {PlotKey::Place::screen, 0, right + 0.02, 0.51, "left center", false};
  std::ostringstream body;
  body.precision(4);
  body << plot_preamble(frame) << std::setprecision(10) << "set xrange [" << range.x_min << ":"
       << range.x_max << "]\n"
       << "set yrange [" << range.y_min << ":" << range.y_max << "]\n"
       << std::setprecision(4)
       << "# a square plot box (the course's figsize=(6, 6)), the legend centred beside it\n"
       << "set lmargin at screen " << left << "\nset rmargin at screen " << right << "\n"
       << "set bmargin at screen 0.11\nset tmargin at screen 0.91\n"
       << "# one flat palette band per class: class c sits in the middle of band c\n"
       << "unset colorbox\n"
       << "set cbrange [-0.5:" << static_cast<double>(k) - 0.5 << "]\n"
       << "set palette defined (";
  for (arma::uword c = 0; c < k; ++c) {
    const auto colour =
        gnuplot_colour(blend_on_white(class_colour(c, k), plot_style::region_alpha));
    body << (c > 0 ? ", " : "") << c << " " << colour << ", " << c + 1 << " " << colour;
  }
  body << ")\n"
       << "plot " << file << " index 0 using 1:2:3 with image notitle";
  // The course lists the positive class first.
  std::vector<arma::uword> order(k);
  for (arma::uword c = 0; c < k; ++c)
    order[c] = k == 2 ? 1 - c : c;
  for (const auto& [samples, train, index] : blocks) {
    for (const arma::uword c : order) {
      if (!arma::any(samples->y == static_cast<double>(c))) continue;
      body << ", \\\n     " << file << " index " << index << " using 1:($3 == " << c
           << " ? $2 : NaN) with points";
      if (train)
        body << " pt 7 ps " << plot_style::train_point_size;
      else
        body << " pt 2 ps " << plot_style::test_point_size << " lw "
             << plot_style::test_point_width;
      body << " lc rgb " << gnuplot_colour(class_colour(c, k)) << " title "
           << gnuplot_string(class_name(data, c, k) + (train ? " (train)" : " (test)"));
    }
  }
  body << "\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
