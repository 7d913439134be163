#include "nnlab/plot/network_plot.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "class_style.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

namespace {

constexpr int width_steps = 8;

/// Node i of a column of n, centred on 0, one unit apart, the first on top.
double node_y(arma::uword i, arma::uword n) {
  return (static_cast<double>(n) - 1.0) / 2.0 - static_cast<double>(i);
}

} // namespace

void add_network_plot(PlotRenderer& renderer, const std::string& stem, const Mlp& mlp,
                      const std::vector<std::string>& input_names,
                      const std::vector<std::string>& output_names, const std::string& title,
                      arma::uword max_units) {
  const arma::uword layers = mlp.n_layers();
  arma::uword widest = mlp.n_inputs();
  for (arma::uword l = 1; l <= layers; ++l)
    widest = std::max(widest, mlp.layer(l).n_out());
  if (widest > max_units)
    throw PlotError("plot " + renderer.image_file(stem).string() + ": a layer has " +
                    std::to_string(widest) + " units; the network is drawn up to " +
                    std::to_string(max_units));
  double largest = 0.0, bias_reach = 0.0;
  for (arma::uword l = 1; l <= layers; ++l) {
    largest = std::max(largest, arma::abs(mlp.layer(l).W()).max());
    bias_reach = std::max(bias_reach, arma::abs(mlp.layer(l).b()).max());
  }
  largest = largest > 0.0 ? largest : 1.0;
  bias_reach = bias_reach > 0.0 ? bias_reach : 1.0;

  std::ostringstream data;
  data.precision(10);
  data << "# weights: x0 y0 dx dy w layer from to width_step colour (W_l(to, from))\n";
  std::vector<bool> steps(width_steps + 1, false);
  for (arma::uword l = 1; l <= layers; ++l) {
    const arma::mat& W = mlp.layer(l).W();
    for (arma::uword i = 0; i < W.n_rows; ++i)
      for (arma::uword j = 0; j < W.n_cols; ++j) {
        const double w = W(i, j);
        const int step =
            std::max(1, static_cast<int>(std::ceil(width_steps * std::abs(w) / largest - 1e-12)));
        steps[step] = true;
        const double y0 = node_y(j, W.n_cols), y1 = node_y(i, W.n_rows);
        data << l - 1 << ' ' << y0 << " 1 " << y1 - y0 << ' ' << w << ' ' << l << ' ' << j + 1
             << ' ' << i + 1 << ' ' << step << ' '
             << (w < 0 ? plot_style::negative_class : plot_style::positive_class) << '\n';
      }
  }
  data << plot_detail::block_end << "# nodes: x y bias layer unit (inputs: layer 0, bias NaN)\n";
  for (arma::uword i = 0; i < mlp.n_inputs(); ++i)
    data << "0 " << node_y(i, mlp.n_inputs()) << " NaN 0 " << i + 1 << '\n';
  for (arma::uword l = 1; l <= layers; ++l) {
    const arma::vec& b = mlp.layer(l).b();
    for (arma::uword i = 0; i < b.n_elem; ++i)
      data << l << ' ' << node_y(i, b.n_elem) << ' ' << b[i] << ' ' << l << ' ' << i + 1 << '\n';
  }
  renderer.write_data(stem, data.str());

  const double half = (static_cast<double>(widest) - 1.0) / 2.0 + 0.8;
  const double size = std::clamp(30.0 / static_cast<double>(widest), 0.9, 4.0); // point size
  const std::string file = gnuplot_string(stem + ".dat");
  PlotFrame frame{title, "", ""};
  frame.title_on_canvas = true; // the colour bar takes the right margin
  frame.grid = PlotGrid::none;
  frame.key.place = PlotKey::Place::none;
  std::ostringstream body;
  body.precision(6);
  body << plot_preamble(frame) << "unset border\nunset xtics\nunset ytics\n"
       << "set xrange [-0.7:" << static_cast<double>(layers) + 0.7 << "]\n"
       << "set yrange [" << -half - 0.6 << ":" << half << "]\n"
       << "set rmargin 12\nset bmargin 3\n"
       << plot_detail::diverging_palette() << "set cbrange [" << -bias_reach << ":" << bias_reach
       << "]\n"
       << "set cblabel 'bias'\nset colorbox user origin screen 0.9, screen 0.25 size screen "
          "0.02, screen 0.5\n"
       << "set label 2 " << gnuplot_string("line width: |w|; blue w > 0, orange w < 0")
       << " at screen 0.5, screen 0.03 center font ',10'\n";
  const auto name = [](const std::vector<std::string>& names, arma::uword i, const char* fallback) {
    return i < names.size() && !names[i].empty() ? names[i] : fallback + std::to_string(i + 1);
  };
  int label = 3; // 1: the title (plot_preamble), 2: the legend
  for (arma::uword i = 0; i < mlp.n_inputs(); ++i)
    body << "set label " << label++ << " " << gnuplot_string(name(input_names, i, "x"))
         << " at first -0.12, first " << node_y(i, mlp.n_inputs()) << " right\n";
  for (arma::uword i = 0; i < mlp.n_outputs(); ++i)
    body << "set label " << label++ << " " << gnuplot_string(name(output_names, i, "output "))
         << " at first " << static_cast<double>(layers) + 0.12 << ", first "
         << node_y(i, mlp.n_outputs()) << " left\n";
  for (arma::uword l = 0; l <= layers; ++l) {
    const std::string column =
        l == 0       ? std::string("inputs")
        : l < layers ? "hidden " + std::to_string(l) + ": " + mlp.layer(l).activation().name()
                     : "output: " + mlp.layer(l).activation().name();
    body << "set label " << label++ << " " << gnuplot_string(column) << " at first " << l
         << ", first " << -half - 0.3 << " center font ',11'\n";
  }
  body << "plot ";
  bool first = true;
  for (int step = 1; step <= width_steps; ++step) {
    if (!steps[step]) continue;
    body << (first ? "" : ", \\\n     ") << file << " index 0 using ($9 == " << step
         << " ? $1 : NaN):2:3:4:10 with vectors nohead lw " << 0.5 * step
         << " lc rgb variable notitle";
    first = false;
  }
  body << (first ? "" : ", \\\n     ") << file
       << " index 1 using 1:($4 == 0 ? $2 : NaN) with points pt 7 ps " << size
       << " lc rgb '#bbbbbb' notitle, \\\n     " << file
       << " index 1 using 1:($4 > 0 ? $2 : NaN):3 with points pt 7 ps " << size
       << " lc palette notitle, \\\n     " << file << " index 1 using 1:2 with points pt 6 ps "
       << size << " lw 1 lc rgb '#444444' notitle\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
