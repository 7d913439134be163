#include "nnlab/plot/slice_plot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

void add_slice_plot(PlotRenderer& renderer, const std::string& stem,
                    const std::vector<SlicePanel>& panels, const std::string& title,
                    const std::string& y_label, bool log_y) {
  std::ostringstream data;
  data.precision(10);
  data << "# one block per curve, panel after panel: x median low high (over seeds)\n";
  double low = std::numeric_limits<double>::infinity(), high = -low;
  std::size_t block = 0, longest = 0;
  for (const auto& panel : panels)
    for (const auto& curve : panel.curves) {
      data << (block++ > 0 ? "\n\n" : "") << "# " << panel.key << ": " << curve.label << "\n";
      for (arma::uword i = 0; i < curve.x.n_elem; ++i) {
        data << curve.x[i] << ' ' << curve.median[i] << ' ' << curve.low[i] << ' ' << curve.high[i]
             << '\n';
        for (const double v : {curve.low[i], curve.high[i]})
          if (std::isfinite(v) && (!log_y || v > 0.0)) {
            low = std::min(low, v);
            high = std::max(high, v);
          }
      }
      longest = std::max(longest, curve.label.size());
    }
  if (panels.empty() || !std::isfinite(low))
    throw PlotError("plot " + renderer.image_file(stem).string() + ": no values to plot");
  renderer.write_data(stem, data.str());

  const std::size_t columns = panels.size() <= 3 ? panels.size() : (panels.size() + 1) / 2;
  const std::size_t rows = (panels.size() + columns - 1) / columns;
  std::ostringstream body;
  body.precision(10);
  const std::string file = gnuplot_string(stem + ".dat");
  // One y range for every panel, so their heights compare.
  const double pad = log_y ? 1.5 : 0.05 * std::max(high - low, std::fabs(high) * 1e-3 + 1e-12);
  body << "set multiplot layout " << rows << "," << columns << " title " << gnuplot_string(title)
       << "\n"
       << "set style fill transparent solid 0.15 noborder\n"
       << (log_y ? "set logscale y\n" : "") << "set yrange [" << (log_y ? low / pad : low - pad)
       << ":" << (log_y ? high * pad : high + pad) << "]\n";
  block = 0;
  for (std::size_t p = 0; p < panels.size(); ++p) {
    const SlicePanel& panel = panels[p];
    PlotFrame frame{"", panel.key + (panel.log_x ? " (log scale)" : ""),
                    p % columns == 0 ? y_label : ""};
    frame.key.place =
        p + 1 == panels.size() && longest > 0 ? PlotKey::Place::outside : PlotKey::Place::none;
    double x_low = std::numeric_limits<double>::infinity(), x_high = -x_low;
    for (const auto& curve : panel.curves)
      if (!curve.x.is_empty()) {
        x_low = std::min(x_low, curve.x.min());
        x_high = std::max(x_high, curve.x.max());
      }
    body << "unset title\n"
         << plot_preamble(frame) << "unset logscale x\n"
         << (panel.log_x ? "set logscale x\n" : "");
    // A little room beside the first and last value (a log axis would round out to decades).
    if (std::isfinite(x_low) && x_high > x_low)
      body << "set xrange [" << (panel.log_x ? x_low / 1.2 : x_low - 0.05 * (x_high - x_low)) << ":"
           << (panel.log_x ? x_high * 1.2 : x_high + 0.05 * (x_high - x_low)) << "]\n";
    else
      body << "set autoscale x\n";
    body << "set key font ',9'\nplot ";
    for (std::size_t c = 0; c < panel.curves.size(); ++c, ++block) {
      const SliceCurve& curve = panel.curves[c];
      const std::string colour =
          gnuplot_colour(plot_style::palette[curve.colour % plot_style::palette.size()]);
      const std::string name =
          curve.label.empty() ? "notitle" : "title " + gnuplot_string(curve.label);
      body << (c > 0 ? ", \\\n     " : "");
      if (curve.connected)
        body << file << " index " << block << " using 1:3:4 with filledcurves fc rgb " << colour
             << " notitle, \\\n     " << file << " index " << block
             << " using 1:2 with linespoints pt 7 ps 0.8 lw 2 lc rgb " << colour << " " << name;
      else
        body << file << " index " << block << " using 1:2:3:4 with yerrorbars pt 7 ps 0.7 lc rgb "
             << colour << " " << name;
    }
    body << "\n";
  }
  body << "unset multiplot\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
