#include "nnlab/plot/sweep_plot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

namespace {

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

SweepPlot::SweepPlot(PlotRenderer& renderer, std::string stem, std::string title,
                     std::string y_label, bool log_y)
    : renderer_(renderer), stem_(std::move(stem)), title_(std::move(title)),
      y_label_(std::move(y_label)), log_y_(log_y),
      data_(renderer.data_file(stem_), std::ios::binary | std::ios::trunc),
      max_(-std::numeric_limits<double>::infinity()),
      min_positive_(std::numeric_limits<double>::infinity()) {
  if (!data_)
    throw PlotError("plot " + renderer.data_file(stem_).string() + ": cannot write the file");
  data_.precision(10);
  data_ << "# one block per run (curves of more than " << plot_style::max_curve_points
        << " points thinned to every k-th iteration and the last)\n";
}

void SweepPlot::add_group(const std::string& label, std::size_t colour,
                          const std::vector<const arma::vec*>& curves) {
  const std::size_t first = blocks_;
  const auto seen = [&](double v) {
    if (!std::isfinite(v)) return;
    max_ = std::max(max_, v);
    if (v > 0.0) min_positive_ = std::min(min_positive_, v);
  };
  for (std::size_t r = 0; r < curves.size(); ++r) {
    const arma::vec& curve = *curves[r];
    const arma::uword n = curve.n_elem;
    if (n == 0) continue;
    data_ << (blocks_ > 0 ? "\n\n" : "") << "# block " << blocks_ << ": group '" << label
          << "', run " << r + 1 << ": iteration value\n";
    // Thinned to about max_curve_points, always keeping the last iteration.
    const arma::uword stride = std::max<arma::uword>(1, (n + plot_style::max_curve_points - 1) /
                                                            plot_style::max_curve_points);
    for (arma::uword i = 0; i < n; i += stride) {
      data_ << i + 1 << ' ' << curve[i] << '\n';
      seen(curve[i]);
    }
    if ((n - 1) % stride != 0) data_ << n << ' ' << curve[n - 1] << '\n';
    seen(curve[n - 1]);
    n_max_ = std::max(n_max_, n);
    ++blocks_;
  }
  if (blocks_ > first) groups_.push_back({label, colour, first, blocks_ - 1});
}

void SweepPlot::finish() {
  data_.close();
  if (!data_)
    throw PlotError("plot " + renderer_.data_file(stem_).string() + ": cannot write the file");
  if (groups_.empty())
    throw PlotError("plot " + renderer_.image_file(stem_).string() + ": no curves to plot");
  std::size_t longest_label = 0;
  for (const auto& group : groups_)
    longest_label = std::max(longest_label, group.label.size());

  PlotFrame frame{title_, std::string(plot_style::iteration_label), y_label_};
  frame.key.longest_label = longest_label; // beside the plot, or below: never over the curves
  std::ostringstream body;
  body.precision(10);
  body << plot_preamble(frame);
  if (n_max_ > 1) body << "set xrange [1:" << n_max_ << "]\n";
  std::string y_column = "2";
  if (log_y_ && std::isfinite(min_positive_)) {
    const double floor = std::max(min_positive_, max_ * plot_style::log_floor_ratio);
    body << "set logscale y\n"
         << "# values <= 0 or far below the largest are drawn at the floor\n"
         << log_ticks(floor, max_) << "floor = " << floor << "\n"
         << "shown(v) = v != v ? NaN : (v > floor ? v : floor)\n";
    y_column = "(shown($2))";
  } else if (log_y_) {
    body << "# log y asked for, but no value is positive: linear axis\n";
  }
  const std::string file = gnuplot_string(stem_ + ".dat");
  body << "plot ";
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const Group& group = groups_[g];
    const std::uint32_t colour = plot_style::palette[group.colour % plot_style::palette.size()];
    const std::size_t dash = 1 + (group.colour / plot_style::palette.size()) % 5; // after 10
    body << (g > 0 ? ", \\\n     " : "") << "for [i=" << group.first << ":" << group.last << "] "
         << file << " index i using 1:" << y_column << " with lines lw "
         << plot_style::run_line_width << " dt " << dash << " lc rgb "
         << gnuplot_colour(colour, plot_style::run_line_alpha)
         << " notitle, \\\n     keyentry with lines lw " << plot_style::key_line_width << " dt "
         << dash << " lc rgb " << gnuplot_colour(colour) << " title "
         << gnuplot_string(group.label);
  }
  body << "\n";
  renderer_.add(stem_, body.str());
}

void add_sweep_plot(PlotRenderer& renderer, const std::string& stem,
                    const std::vector<CurveGroup>& groups, const std::string& title,
                    const std::string& y_label, bool log_y) {
  SweepPlot plot(renderer, stem, title, y_label, log_y);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::vector<const arma::vec*> curves;
    for (const auto& curve : groups[g].curves)
      curves.push_back(&curve);
    plot.add_group(groups[g].label, g, curves);
  }
  plot.finish();
}

} // namespace nnlab
