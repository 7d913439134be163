#include "nnlab/plot/band_plot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

void add_band_plot(PlotRenderer& renderer, const std::string& stem,
                   const std::vector<BandCurve>& curves, const std::string& title,
                   const std::string& y_label, bool log_y, bool bands) {
  std::ostringstream data;
  data.precision(10);
  data << "# one block per group: iteration median min max (over the runs present at that "
          "iteration)\n";
  double max = -std::numeric_limits<double>::infinity();
  double min_positive = std::numeric_limits<double>::infinity();
  arma::uword n_max = 0;
  std::string::size_type longest_label = 0;
  for (std::size_t g = 0; g < curves.size(); ++g) {
    const BandCurve& curve = curves[g];
    const arma::uword n = curve.median.n_elem;
    data << (g > 0 ? "\n\n" : "") << "# block " << g << ": group '" << curve.label << "'\n";
    const arma::uword stride = std::max<arma::uword>(1, (n + plot_style::max_curve_points - 1) /
                                                            plot_style::max_curve_points);
    const auto write = [&](arma::uword i) {
      data << i + 1 << ' ' << curve.median[i] << ' ' << curve.min[i] << ' ' << curve.max[i] << '\n';
      for (const double v : {curve.min[i], curve.max[i]}) {
        if (!std::isfinite(v)) continue;
        max = std::max(max, v);
        if (v > 0.0) min_positive = std::min(min_positive, v);
      }
    };
    for (arma::uword i = 0; i < n; i += stride)
      write(i);
    if (n > 0 && (n - 1) % stride != 0) write(n - 1);
    n_max = std::max(n_max, n);
    longest_label = std::max(longest_label, curve.label.size());
  }
  if (!std::isfinite(max))
    throw PlotError("plot " + renderer.image_file(stem).string() + ": no values to plot");
  renderer.write_data(stem, data.str());

  PlotFrame frame{title, std::string(plot_style::iteration_label), y_label};
  frame.key.longest_label = longest_label;
  std::ostringstream body;
  body.precision(10);
  body << plot_preamble(frame)
       // faint bands: where several overlap the plot stays readable
       << "set style fill transparent solid 0.12 noborder\n";
  if (n_max > 1) body << "set xrange [1:" << n_max << "]\n";
  std::string y = "2", lo = "3", hi = "4";
  if (log_y && std::isfinite(min_positive)) {
    const double floor = std::max(min_positive, max * plot_style::log_floor_ratio);
    body << "set logscale y\n"
         << "# values <= 0 or far below the largest are drawn at the floor\n"
         << "floor = " << floor << "\n"
         << "shown(v) = v != v ? NaN : (v > floor ? v : floor)\n";
    y = "(shown($2))", lo = "(shown($3))", hi = "(shown($4))";
  }
  const std::string file = gnuplot_string(stem + ".dat");
  body << "plot ";
  for (std::size_t g = 0; g < curves.size(); ++g) {
    const std::uint32_t colour = plot_style::palette[curves[g].colour % plot_style::palette.size()];
    const std::size_t dash = curves[g].dash != 0
                                 ? curves[g].dash
                                 : 1 + (curves[g].colour / plot_style::palette.size()) % 5;
    body << (g > 0 ? ", \\\n     " : "");
    const bool faint = curves[g].faint;
    if (bands && !faint)
      body << file << " index " << g << " using 1:" << lo << ":" << hi
           << " with filledcurves fc rgb " << gnuplot_colour(colour) << " notitle, \\\n     ";
    body << file << " index " << g << " using 1:" << y << " with lines lw "
         << (faint ? 1.0 : plot_style::key_line_width - 1.0) << " dt " << dash << " lc rgb "
         << gnuplot_colour(colour, faint ? 0.35 : 1.0) << " title "
         << gnuplot_string(curves[g].label);
  }
  body << "\n";
  renderer.add(stem, body.str());
}

bool bands_readable(std::size_t groups, bool log_y) {
  return log_y || groups <= 4;
}

} // namespace nnlab
