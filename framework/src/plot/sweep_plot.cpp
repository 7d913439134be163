#include "nnlab/plot/sweep_plot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

namespace {

/// Data blocks [first, last] of one group's non-empty curves.
struct GroupBlocks {
  std::size_t group, first, last;
};

/// Finite values seen: the largest, and the smallest positive one (for a log axis).
struct ValueSpan {
  double max = -std::numeric_limits<double>::infinity();
  double min_positive = std::numeric_limits<double>::infinity();
  void add(double v) {
    if (!std::isfinite(v)) return;
    max = std::max(max, v);
    if (v > 0.0) min_positive = std::min(min_positive, v);
  }
};

void write_curve(std::ostringstream& data, const arma::vec& curve, ValueSpan& span) {
  // Thinned to about max_curve_points, always keeping the last iteration.
  const arma::uword n = curve.n_elem;
  const arma::uword stride = std::max<arma::uword>(1, (n + plot_style::max_curve_points - 1) /
                                                          plot_style::max_curve_points);
  for (arma::uword i = 0; i < n; i += stride) {
    data << i + 1 << ' ' << curve[i] << '\n';
    span.add(curve[i]);
  }
  if ((n - 1) % stride != 0) data << n << ' ' << curve[n - 1] << '\n';
  span.add(curve[n - 1]);
}

/// For a log axis over few decades, `set ytics` at 1, 2 and 5 times each power of ten
/// (gnuplot labels only the decades, which leaves a one-decade plot with two labels).
std::string log_ticks(double lo, double hi) {
  const int first = static_cast<int>(std::floor(std::log10(lo)));
  const int last = static_cast<int>(std::ceil(std::log10(hi)));
  if (last - first > 3) return {};
  std::ostringstream ticks;
  ticks << "set ytics (";
  for (int e = first; e < last; ++e)
    for (const double m : {1.0, 2.0, 5.0})
      ticks << m * std::pow(10.0, e) << ", ";
  ticks << std::pow(10.0, last) << ")\n";
  return ticks.str();
}

} // namespace

void add_sweep_plot(PlotRenderer& renderer, const std::string& stem,
                    const std::vector<CurveGroup>& groups, const std::string& title,
                    const std::string& y_label, bool log_y) {
  std::ostringstream data;
  data.precision(10);
  data << "# one block per run (curves of more than " << plot_style::max_curve_points
       << " points thinned to every k-th iteration and the last)\n";
  std::vector<GroupBlocks> blocks;
  std::size_t n_blocks = 0;
  arma::uword n_max = 0;
  std::string::size_type longest_label = 0;
  ValueSpan span;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::size_t first = n_blocks;
    for (std::size_t r = 0; r < groups[g].curves.size(); ++r) {
      const arma::vec& curve = groups[g].curves[r];
      if (curve.is_empty()) continue;
      data << (n_blocks > 0 ? "\n\n" : "") << "# block " << n_blocks << ": group '"
           << groups[g].label << "', run " << r + 1 << ": iteration value\n";
      write_curve(data, curve, span);
      n_max = std::max(n_max, curve.n_elem);
      ++n_blocks;
    }
    if (n_blocks > first) {
      blocks.push_back({g, first, n_blocks - 1});
      longest_label = std::max(longest_label, groups[g].label.size());
    }
  }
  if (blocks.empty())
    throw PlotError("plot " + (renderer.dir() / (stem + ".png")).string() + ": no curves to plot");
  renderer.write_data(stem, data.str());

  std::ostringstream body;
  body.precision(10);
  body << "set title " << gnuplot_string(title) << "\n"
       << "set xlabel 'Number of iterations'\n"
       << "set ylabel " << gnuplot_string(y_label) << "\n"
       << "set grid ytics lt 1 lw 1 lc rgb '#dddddd'\n";
  if (n_max > 1) body << "set xrange [1:" << n_max << "]\n";
  // Beside the plot while labels are short, below it otherwise: never over the curves.
  body << (longest_label <= 24
               ? "set key outside right top vertical Left reverse nobox\n"
               : "set key below horizontal Left reverse nobox samplen 2 font ',10'\n");
  std::string y_column = "2";
  if (log_y && std::isfinite(span.min_positive)) {
    const double floor = std::max(span.min_positive, span.max * plot_style::log_floor_ratio);
    body << "set logscale y\n"
         << "# values <= 0 or far below the largest are drawn at the floor\n"
         << log_ticks(floor, span.max) << "floor = " << floor << "\n"
         << "shown(v) = v != v ? NaN : (v > floor ? v : floor)\n";
    y_column = "(shown($2))";
  } else if (log_y) {
    body << "# log y asked for, but no value is positive: linear axis\n";
  }
  const std::string file = gnuplot_string(stem + ".dat");
  body << "plot ";
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const auto& [g, first, last] = blocks[b];
    const std::uint32_t colour = plot_style::palette[g % plot_style::palette.size()];
    const std::size_t dash = 1 + (g / plot_style::palette.size()) % 5; // after 10 groups
    body << (b > 0 ? ", \\\n     " : "") << "for [i=" << first << ":" << last << "] " << file
         << " index i using 1:" << y_column << " with lines lw " << plot_style::run_line_width
         << " dt " << dash << " lc rgb " << gnuplot_colour(colour, plot_style::run_line_alpha)
         << " notitle, \\\n     keyentry with lines lw " << plot_style::key_line_width << " dt "
         << dash << " lc rgb " << gnuplot_colour(colour) << " title "
         << gnuplot_string(groups[g].label);
  }
  body << "\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
