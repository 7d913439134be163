#include "nnlab/plot/movie_plot.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
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

constexpr int frame_delay = 10;        // hundredths of a second
constexpr int hold_frames = 15;        // the last frame again, so the loop pauses on the result
constexpr double surface_alpha = 0.55; // the full class colour is kept for the points
constexpr PlotCanvas canvas{1000, 480};

/// The iterations of the cost curve written: every one up to max_curve_points, else that
/// many spread evenly (on a log scale when the x axis is).
std::vector<arma::uword> curve_points(arma::uword n, bool log_x) {
  std::vector<arma::uword> points;
  const arma::uword most = plot_style::max_curve_points;
  for (arma::uword j = 0; j < std::min(n, most); ++j) {
    const double at = n <= most ? static_cast<double>(j)
                      : log_x ? std::exp(std::log(static_cast<double>(n)) * static_cast<double>(j) /
                                         static_cast<double>(most - 1)) -
                                    1.0
                              : static_cast<double>(j) * static_cast<double>(n - 1) /
                                    static_cast<double>(most - 1);
    const auto i = std::min<arma::uword>(n - 1, static_cast<arma::uword>(std::lround(at)));
    if (points.empty() || i > points.back()) points.push_back(i);
  }
  return points;
}

/// The neurons beside the movie: a strip below the surface and the cost, one small map
/// per unit of each layer (the first max_strip_units of a layer), layers left to right.
struct NeuronStrip {
  static constexpr arma::uword max_strip_units = 8;
  static constexpr arma::uword grid = 32;
  static constexpr double header_px = 30, caption_px = 28;
  std::vector<arma::uword> shown; ///< per layer: units drawn
  arma::uword maps = 0;           ///< all layers' maps
  double cell = 0;                ///< pixels per map (and its gap)

  NeuronStrip(const Mlp& mlp, double width) {
    for (arma::uword l = 1; l <= mlp.n_layers(); ++l) {
      shown.push_back(std::min(mlp.layer(l).n_out(), max_strip_units));
      maps += shown.back();
    }
    const double span = static_cast<double>(maps) + 0.5 * static_cast<double>(shown.size() - 1);
    cell = std::min(110.0, (width - 60.0) / span);
  }
  double height() const { return header_px + cell + caption_px; }
};

/// Gnuplot lines of one frame's neuron maps (frame f; data blocks from `first_block`, per
/// frame every shown unit in layer order), each map over `range` in the diverging colours
/// of the neurons plot on its activation's range.
std::string neuron_strip_script(const NeuronStrip& strip, const Mlp& mlp, const std::string& file,
                                const PlotRange& range, arma::uword first_block, double width,
                                double height) {
  std::ostringstream out;
  out.precision(4);
  out << "  unset xtics\n  unset ytics\n  unset xlabel\n  unset ylabel\n  unset key\n"
      << "  set border lw 0.5 lc rgb '#999999'\n  set palette maxcolors 0\n  "
      << plot_detail::diverging_palette() << std::setprecision(10) << "  set xrange ["
      << range.x_min << ":" << range.x_max << "]\n  set yrange [" << range.y_min << ":"
      << range.y_max << "]\n"
      << std::setprecision(4) << "  set lmargin 0\n  set rmargin 0\n  set bmargin 0\n"
      << "  set tmargin 0\n";
  const double span =
      static_cast<double>(strip.maps) + 0.5 * static_cast<double>(strip.shown.size() - 1);
  double x = (width - span * strip.cell) / 2.0;
  const double top = height - strip.height(); // pixels from the top of the canvas
  int label = 2;
  for (std::size_t l = 0; l < strip.shown.size(); ++l) {
    const Activation& f = mlp.layer(l + 1).activation();
    const bool output = l + 1 == strip.shown.size();
    std::string header =
        (output ? std::string("output") : "hidden " + std::to_string(l + 1)) + ": " + f.name();
    if (strip.shown[l] < mlp.layer(l + 1).n_out())
      header += " (" + std::to_string(strip.shown[l]) + " of " +
                std::to_string(mlp.layer(l + 1).n_out()) + ")";
    const double column = static_cast<double>(strip.shown[l]) * strip.cell;
    out << "  set label " << label++ << " " << gnuplot_string(header) << " at screen "
        << (x + column / 2.0) / width << ", " << 1.0 - (top + 18.0) / height
        << " center font ',10'\n";
    x += column + 0.5 * strip.cell;
  }
  out << "  set label " << label << " "
      << gnuplot_string("each unit's activation at this iteration: orange low, white middle, "
                        "blue high")
      << " at screen 0.5, " << 12.0 / height << " center font ',9'\n";
  const std::string using_ = plot_detail::matrix_using(range, NeuronStrip::grid);
  x = (width - span * strip.cell) / 2.0;
  arma::uword block = 0;
  for (std::size_t l = 0; l < strip.shown.size(); ++l) {
    using Kind = Activation::Kind;
    const Kind kind = mlp.layer(l + 1).activation().kind();
    // tanh -1..1; sigmoid and softmax 0..1; others (relu, ...) around 0 by the frame's data
    out << (kind == Kind::tanh                               ? "  set cbrange [-1:1]\n"
            : kind == Kind::sigmoid || kind == Kind::softmax ? "  set cbrange [0:1]\n"
                                                             : "  set cbrange [*:*]\n");
    for (arma::uword u = 0; u < strip.shown[l]; ++u, ++block) {
      const double map = 0.86 * strip.cell;
      const double cx = x + static_cast<double>(u) * strip.cell + 0.07 * strip.cell;
      const double cy = top + NeuronStrip::header_px + 0.07 * strip.cell + map;
      out << "  set origin " << cx / width << ", " << 1.0 - cy / height << "\n  set size "
          << map / width << ", " << map / height << "\n  plot " << file << " index (" << first_block
          << " + f * " << strip.maps << " + " << block << ") matrix using " << using_
          << " with image notitle\n";
      if (block == 0) out << "  unset label\n";
    }
    x += static_cast<double>(strip.shown[l]) * strip.cell + 0.5 * strip.cell;
  }
  return out.str();
}

void write_points(std::ostream& out, const Samples& samples, const char* name) {
  out << "# " << name << " points: x y class\n";
  for (arma::uword j = 0; j < samples.X.n_cols; ++j)
    out << samples.X(0, j) << ' ' << samples.X(1, j) << ' ' << samples.y[j] << '\n';
  if (samples.X.n_cols == 0) out << "NaN NaN NaN\n"; // the block must exist
  out << plot_detail::block_end;
}

} // namespace

void add_training_movie(PlotRenderer& renderer, const std::string& stem,
                        const Architecture& architecture, const RunSnapshots& snapshots,
                        const RunSeries& series, const DataSplit& data, const std::string& title,
                        arma::uword grid, const std::optional<PlotRange>& range_asked,
                        bool neurons) {
  const auto where = "plot " + (renderer.dir() / (stem + ".gif")).string() + ": ";
  Mlp mlp(architecture);
  if (snapshots.empty()) throw PlotError(where + "no snapshots stored (training.snapshots)");
  if (snapshots.params.n_rows != mlp.n_params() ||
      snapshots.params.n_cols != snapshots.iterations.size())
    throw PlotError(where + "the snapshots hold " + std::to_string(snapshots.params.n_rows) +
                    " parameters, the network " + std::to_string(mlp.n_params()));
  for (const auto* samples : {&data.train, &data.test})
    if (samples->X.n_cols > 0 && samples->X.n_rows != 2)
      throw PlotError(where + "a movie over 2 features (x, y) got data with " +
                      std::to_string(samples->X.n_rows));
  if (mlp.n_inputs() != 2) throw PlotError(where + "the network does not have 2 inputs");
  const arma::uword n = series.cost_train.n_elem;
  if (n == 0) throw PlotError(where + "no cost series to draw");
  const PlotRange range = range_asked ? *range_asked : data_range(data);
  const arma::uword k =
      std::max<arma::uword>(mlp.n_outputs() == 1 ? 2 : mlp.n_outputs(), data.class_names.size());
  const bool binary = k == 2 && mlp.n_outputs() <= 2;

  // The surfaces, each from the same forward pass as training.
  std::ostringstream text;
  text.precision(4);
  text << "# " << (binary ? "probability of the positive class" : "predicted class") << " on a "
       << grid << " x " << grid << " lattice for each snapshot, then points and cost\n";
  const arma::mat X = plot_detail::lattice_points(range, grid);
  PanelPass pass(mlp, X.n_cols);
  const arma::uword frames = snapshots.iterations.size();
  for (arma::uword f = 0; f < frames; ++f) {
    mlp.params() = snapshots.params.col(f);
    const arma::mat& out = pass.forward(mlp, X);
    const arma::rowvec values = binary ? arma::rowvec(out.row(out.n_rows - 1))
                                       : arma::conv_to<arma::rowvec>::from(predict(out));
    text << "# iteration " << snapshots.iterations[f] << '\n';
    plot_detail::write_matrix_block(text, values, grid);
    text << plot_detail::block_end;
  }
  write_points(text, data.train, "train");
  write_points(text, data.test, "test");
  const arma::uword last = snapshots.iterations.back();
  const bool log_x = frames >= 3 && last >= 100 && 4 * snapshots.iterations[frames / 2] < last;
  const bool with_test = series.cost_test.n_elem == n;
  text << "# cost: iteration cost_train cost_test\n" << std::setprecision(10);
  for (const arma::uword i : curve_points(n, log_x))
    text << i + 1 << ' ' << series.cost_train[i] << ' '
         << (with_test ? series.cost_test[i] : arma::datum::nan) << '\n';
  std::optional<NeuronStrip> strip;
  if (neurons) {
    text << plot_detail::block_end << std::setprecision(4);
    // Then, per snapshot, each unit's activation on a coarser lattice (matrix blocks).
    strip.emplace(mlp, canvas.width);
    const arma::mat Xn = plot_detail::lattice_points(range, NeuronStrip::grid);
    PanelPass layers_pass(mlp, Xn.n_cols);
    std::vector<arma::mat> activations;
    for (arma::uword f = 0; f < frames; ++f) {
      mlp.params() = snapshots.params.col(f);
      layers_pass.forward_layers(mlp, Xn, activations);
      for (std::size_t l = 0; l < strip->shown.size(); ++l)
        for (arma::uword u = 0; u < strip->shown[l]; ++u) {
          text << "# iteration " << snapshots.iterations[f] << " layer " << l + 1 << " unit "
               << u + 1 << '\n';
          plot_detail::write_matrix_block(text, activations[l].row(u), NeuronStrip::grid);
          text << plot_detail::block_end;
        }
    }
  }
  renderer.write_data(stem, text.str());

  // The script: one multiplot per frame, the iterations in an array.
  const std::string file = gnuplot_string(stem + ".dat");
  const double strip_px = strip ? strip->height() : 0.0;
  const PlotCanvas frame_canvas{canvas.width,
                                canvas.height + static_cast<int>(std::lround(strip_px))};
  const double height = frame_canvas.height, width = frame_canvas.width;
  // A height fraction of the surface and cost panels (drawn as without the strip) in the
  // whole canvas, whose bottom strip_px pixels hold the neurons.
  const auto panel_y = [&](double fraction) {
    return (strip_px + fraction * canvas.height) / height;
  };
  // The surface's square box: this much of the canvas height (the top 0.16 for the canvas
  // title and the cost panel's title, the frame's iteration, below it).
  const double box = 0.72;
  const double left = 0.07, right = left + box * canvas.height / width;
  std::ostringstream body;
  body << "# one frame per snapshot; the last held " << hold_frames << " frames more\n"
       << "array iteration[" << frames << "] = [";
  for (arma::uword f = 0; f < frames; ++f)
    body << (f ? ", " : "") << snapshots.iterations[f];
  body << "]\nframes = " << frames << "\n"
       << "do for [frame = 0:frames + " << hold_frames - 1 << "] {\n"
       << "  f = frame < frames ? frame : frames - 1\n"
       << "  set multiplot\n"
       << (strip ? "  set origin 0, 0\n  set size 1, 1\n  set xtics\n  set ytics\n"
                   "  set border 31 lw 1 lc rgb '#000000'\n  set palette maxcolors 0\n"
                 : "");
  PlotFrame surface{title, plot_detail::feature_name(data, 0), plot_detail::feature_name(data, 1)};
  surface.title_on_canvas = true;
  surface.grid = PlotGrid::none;
  surface.key.place = PlotKey::Place::none;
  body << plot_preamble(surface) << std::setprecision(10) << "set xrange [" << range.x_min << ":"
       << range.x_max << "]\nset yrange [" << range.y_min << ":" << range.y_max << "]\n"
       << std::setprecision(4) << "set lmargin at screen " << left << "\nset rmargin at screen "
       << right << "\nset bmargin at screen " << panel_y(0.12) << "\nset tmargin at screen "
       << panel_y(0.12 + box) << "\nunset colorbox\n";
  if (binary) {
    body << "set cbrange [0:1]\nset palette defined (0 "
         << gnuplot_colour(plot_detail::blend_on_white(plot_style::negative_class, surface_alpha))
         << ", 0.5 '#ffffff', 1 "
         << gnuplot_colour(plot_detail::blend_on_white(plot_style::positive_class, surface_alpha))
         << ")\n"
         << "# ten bands of probability: contour levels that a GIF also stores compactly\n"
         << "set palette maxcolors 10\n";
  } else {
    body << "set cbrange [-0.5:" << static_cast<double>(k) - 0.5 << "]\nset palette defined (";
    for (arma::uword c = 0; c < k; ++c) {
      const auto colour = gnuplot_colour(
          plot_detail::blend_on_white(plot_detail::class_colour(c, k), plot_style::region_alpha));
      body << (c > 0 ? ", " : "") << c << " " << colour << ", " << c + 1 << " " << colour;
    }
    body << ")\n";
  }
  body << "  plot " << file << " index f matrix using " << plot_detail::matrix_using(range, grid)
       << " with image notitle";
  for (arma::uword c = 0; c < k; ++c) // the train points, small: the surface is the subject
    body << ", \\\n       " << file << " index " << frames << " using 1:($3 == " << c
         << " ? $2 : NaN) with points pt 7 ps 0.35 lc rgb "
         << gnuplot_colour(plot_detail::class_colour(c, k)) << " notitle";
  body << "\n  unset label\n";
  PlotFrame cost{"", std::string(plot_style::iteration_label), "Cost"};
  cost.key.place = PlotKey::Place::inside;
  body << plot_preamble(cost) << "  set title sprintf('iteration %d of " << last
       << "', iteration[f + 1])\n"
       << "  set lmargin at screen 0.6\n  set rmargin at screen 0.97\n"
       // A little past the last iteration, so the last frame's cursor is not on the border.
       << "  set xrange [" << (log_x ? 1 : 0) << ":"
       << (log_x ? 1.2 : 1.03) * static_cast<double>(std::max<arma::uword>(n, 2)) << "]\n"
       << "  set yrange [0:*]\n"
       << (log_x ? "  set logscale x\n" : "")
       << "  set arrow 1 from (iteration[f + 1] > 1 ? iteration[f + 1] : 1), graph 0 to "
          "(iteration[f + 1] > 1 ? iteration[f + 1] : 1), graph 1 nohead dt 2 lw 1.5 lc rgb "
          "'#000000'\n"
       << "  plot " << file << " index " << frames + 2 << " using 1:2 with lines lw "
       << plot_style::cost_line_width << " lc rgb " << gnuplot_colour(plot_style::train_cost)
       << " title 'train cost'";
  if (with_test)
    body << ", \\\n       " << file << " index " << frames + 2 << " using 1:3 with lines lw "
         << plot_style::cost_line_width << " lc rgb " << gnuplot_colour(plot_style::test_cost)
         << " title 'test cost'";
  body << "\n  unset arrow 1\n  unset logscale x\n  unset title\n";
  if (strip) body << neuron_strip_script(*strip, mlp, file, range, frames + 3, width, height);
  body << "  unset multiplot\n}\n";
  renderer.add_animation(stem, body.str(), frame_canvas, frame_delay);
}

} // namespace nnlab
