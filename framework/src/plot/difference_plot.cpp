#include "nnlab/plot/difference_plot.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

namespace {

/// Seeds of one row are spread a little vertically, so equal differences stay visible.
double jitter(std::size_t k, std::size_t m) {
  return m > 1 ? 0.3 * (static_cast<double>(k) / static_cast<double>(m - 1) - 0.5) : 0.0;
}

/// Where the plot's x axis goes: the finite values and 0, and a column beyond each end
/// for the infinite ones, set off by a dashed line.
struct Axis {
  double lo = 0.0, hi = 0.0; ///< the finite values and 0
  bool any_minus = false, any_plus = false;

  double span() const { return hi > lo ? hi - lo : 1.0; }
  double minus_inf() const { return lo - 0.2 * span(); }
  double plus_inf() const { return hi + 0.2 * span(); }
  double x(double v) const { return std::isinf(v) ? (v > 0 ? plus_inf() : minus_inf()) : v; }
  double left() const { return any_minus ? minus_inf() - 0.06 * span() : lo - 0.05 * span(); }
  double right() const { return any_plus ? plus_inf() + 0.06 * span() : hi + 0.05 * span(); }
};

Axis make_axis(const std::vector<DifferenceRow>& rows) {
  Axis axis;
  const auto see = [&](double v) {
    if (std::isnan(v)) return;
    if (std::isinf(v)) {
      (v > 0 ? axis.any_plus : axis.any_minus) = true;
      return;
    }
    axis.lo = std::min(axis.lo, v);
    axis.hi = std::max(axis.hi, v);
  };
  for (const auto& row : rows) {
    for (const double d : row.differences)
      see(d);
    for (const double v : {row.estimate, row.low, row.high})
      see(v);
  }
  return axis;
}

/// Ticks at a round step (1, 2 or 5 times a power of ten) over the finite range only, so
/// none runs into the columns of the infinities.
std::string finite_ticks(const Axis& axis) {
  const double raw = axis.span() / 5.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10.0 * power;
  for (const double m : {1.0, 2.0, 5.0})
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  std::ostringstream ticks;
  ticks.precision(10);
  ticks << "set xtics " << std::ceil(axis.lo / step) * step << ", " << step << ", "
        << std::floor(axis.hi / step) * step << " nomirror\n";
  return ticks.str();
}

/// Row labels longer than this lose their middle to "...", keeping how they start and end
/// (the group's first words, its "(20 seeds)"), so that the plot keeps most of its width;
/// unless that makes two rows read alike: then every label stays whole.
constexpr std::size_t longest_row_label = 48;

std::vector<std::string> row_labels(const std::vector<DifferenceRow>& rows) {
  std::vector<std::string> whole, cut;
  for (const auto& row : rows) {
    whole.push_back(row.label);
    const std::size_t tail = 16, head = longest_row_label - 3 - tail;
    cut.push_back(row.label.size() <= longest_row_label
                      ? row.label
                      : row.label.substr(0, head) + "..." +
                            row.label.substr(row.label.size() - tail));
  }
  const auto distinct = [](std::vector<std::string> labels) {
    std::sort(labels.begin(), labels.end());
    return std::adjacent_find(labels.begin(), labels.end()) == labels.end();
  };
  return distinct(cut) || !distinct(whole) ? cut : whole;
}

} // namespace

void add_difference_plot(PlotRenderer& renderer, const std::string& stem,
                         const std::vector<DifferenceRow>& rows, const std::string& title,
                         const std::string& x_label, const std::string& estimate_label) {
  if (rows.empty())
    throw PlotError("plot " + renderer.image_file(stem).string() + ": no comparisons to plot");
  const Axis axis = make_axis(rows);
  const auto row_y = [&](std::size_t r) { return static_cast<double>(rows.size() - 1 - r); };
  std::ostringstream seeds, estimates, ticks;
  seeds.precision(10);
  estimates.precision(10);
  seeds << "# block 0: one line per seed: difference row colour\n";
  estimates << "\n\n# block 1: one line per comparison: estimate row low high\n";
  const std::vector<std::string> labels = row_labels(rows);
  ticks << "set ytics font ',10' (";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const DifferenceRow& row = rows[r];
    const std::uint32_t colour = plot_style::palette[row.colour % plot_style::palette.size()];
    for (std::size_t k = 0; k < row.differences.size(); ++k)
      seeds << axis.x(row.differences[k]) << ' ' << row_y(r) + jitter(k, row.differences.size())
            << ' ' << colour << '\n';
    if (!std::isnan(row.estimate))
      estimates << axis.x(row.estimate) << ' ' << row_y(r) << ' ' << axis.x(row.low) << ' '
                << axis.x(row.high) << '\n';
    ticks << (r > 0 ? ", " : "") << gnuplot_string(labels[r]) << ' ' << row_y(r);
  }
  ticks << ")\n";
  // gnuplot skips an empty block but keeps counting: a blank-only block stays an index.
  renderer.write_data(stem, seeds.str() + "nan nan 0\n" + estimates.str() + "nan nan nan nan\n");

  const std::string file = gnuplot_string(stem + ".dat");
  PlotFrame frame{title, x_label, ""};
  frame.title_on_canvas = true; // the long row labels push the plot right
  frame.grid = PlotGrid::x;     // the rows are comparisons, not values
  frame.key = {PlotKey::Place::screen, 0, 0.5, 0.015, "center bottom", true};
  std::ostringstream body;
  body.precision(10);
  body << plot_preamble(frame) << "set tmargin 3\nset bmargin 6\n"
       << ticks.str() << "set yrange [-0.6:" << rows.size() - 0.4 << "]\n"
       << "set xrange [" << axis.left() << ":" << axis.right() << "]\n"
       << finite_ticks(axis);
  const double gap = 0.1 * axis.span();
  if (axis.any_minus)
    body << "set xtics add ('-inf' " << axis.minus_inf() << ")\nset arrow from " << axis.lo - gap
         << ", graph 0 to " << axis.lo - gap << ", graph 1 nohead dt 2 lc rgb '#999999'\n";
  if (axis.any_plus)
    body << "set xtics add ('+inf' " << axis.plus_inf() << ")\nset arrow from " << axis.hi + gap
         << ", graph 0 to " << axis.hi + gap << ", graph 1 nohead dt 2 lc rgb '#999999'\n";
  body << "set arrow from 0, graph 0 to 0, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'\n"
       << "plot " << file << " index 0 using 1:2:3 with points pt 7 ps 1.2 lc rgb variable "
       << "notitle, \\\n     keyentry with points pt 7 ps 1.2 lc rgb '#777777' "
       << "title 'one seed: group - baseline', \\\n     " << file
       << " index 1 using 1:2:3:4 with xerrorbars pt 13 ps 2.2 lw 2 lc rgb '#000000' title "
       << gnuplot_string(estimate_label) << "\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
