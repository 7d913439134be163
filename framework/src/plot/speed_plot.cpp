#include "nnlab/plot/speed_plot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

namespace {

/// Runs of one row are spread a little vertically, so equal iterations stay visible.
double jitter(std::size_t k, std::size_t m) {
  return m > 1 ? 0.3 * (static_cast<double>(k) / static_cast<double>(m - 1) - 0.5) : 0.0;
}

/// A round tick step (1, 2 or 5 times a power of ten) giving at most 4 ticks up to `span`,
/// so the last one stays clear of the "never" column.
double tick_step(double span) {
  const double raw = span / 4.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0})
    if (m * power >= raw) return m * power;
  return 10.0 * power;
}

} // namespace

double median_iterations(const SpeedGroup& group) {
  std::vector<double> values = group.reached;
  values.insert(values.end(), group.never, std::numeric_limits<double>::infinity());
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

void add_speed_plot(PlotRenderer& renderer, const std::string& stem,
                    const std::vector<SpeedGroup>& groups, const std::string& title,
                    const std::string& x_label, double iterations) {
  if (groups.empty())
    throw PlotError("plot " + renderer.image_file(stem).string() + ": no groups to plot");
  const double never_x = iterations * 1.1;
  const auto row = [&](std::size_t g) { return static_cast<double>(groups.size() - 1 - g); };
  std::ostringstream runs, medians, nevers, ticks;
  runs.precision(10);
  medians.precision(10);
  runs << "# block 0: one line per run that reached the target: iteration row colour\n";
  medians << "\n\n# block 1: median, never counting as last (in the never column when half "
             "or more never got there): iteration row\n";
  nevers << "\n\n# block 2: one line per run that never reached it: x row colour\n";
  ticks << "set ytics font ',10' (";
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const SpeedGroup& group = groups[g];
    const std::uint32_t colour = plot_style::palette[group.colour % plot_style::palette.size()];
    const std::size_t m = group.reached.size() + group.never;
    for (std::size_t k = 0; k < group.reached.size(); ++k)
      runs << group.reached[k] << ' ' << row(g) + jitter(k, m) << ' ' << colour << '\n';
    for (std::size_t k = group.reached.size(); k < m; ++k)
      nevers << never_x << ' ' << row(g) + jitter(k, m) << ' ' << colour << '\n';
    if (const double median = median_iterations(group); !std::isnan(median))
      medians << (std::isinf(median) ? never_x : median) << ' ' << row(g) << '\n';
    std::string label = group.label;
    if (group.never > 0)
      label += " (" + std::to_string(group.never) + " of " + std::to_string(m) + " never)";
    ticks << (g > 0 ? ", " : "") << gnuplot_string(label) << ' ' << row(g);
  }
  ticks << ")\n";
  // gnuplot skips an empty block but keeps counting: a blank-only block stays an index.
  renderer.write_data(stem, runs.str() + "nan nan 0\n" + medians.str() + "nan nan\n" +
                                nevers.str() + "nan nan 0\n");

  const std::string file = gnuplot_string(stem + ".dat");
  PlotFrame frame{title, x_label, ""};
  // The long group labels push the plot right: the title is centred on the canvas instead.
  frame.title_on_canvas = true;
  frame.grid = PlotGrid::x; // the rows are groups, not values
  frame.key = {PlotKey::Place::screen, 0, 0.5, 0.015, "center bottom", true};
  std::ostringstream body;
  body << plot_preamble(frame) << "set tmargin 3\nset bmargin 6\n"
       << ticks.str() << "set yrange [-0.6:" << groups.size() - 0.4 << "]\n"
       << "set xrange [0:" << iterations * 1.18 << "]\n"
       << "set xtics 0, " << tick_step(iterations) << " nomirror\nset xtics add ('never' "
       << never_x << ")\n"
       << "set arrow from " << iterations * 1.05 << ", graph 0 to " << iterations * 1.05
       << ", graph 1 nohead dt 2 lc rgb '#999999'\n"
       << "plot " << file << " index 0 using 1:2:3 with points pt 7 ps 1.2 lc rgb variable "
       << "title 'run', \\\n     " << file
       << " index 1 using 1:2 with points pt 12 ps 3 lw 2 lc rgb '#000000' title 'median', "
          "\\\n     "
       << file
       << " index 2 using 1:2:3 with points pt 8 ps 1.5 lw 1.5 lc rgb variable "
          "title 'never reached'\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
