#include "nnlab/plot/parallel_plot.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"

namespace nnlab {

namespace {

std::string round_text(double value) {
  std::ostringstream text;
  text.precision(4);
  text << value;
  return text.str();
}

} // namespace

std::string log_axis_ticks(const std::vector<double>& values) {
  std::set<double> distinct;
  for (const double v : values)
    if (std::isfinite(v) && v > 0.0) distinct.insert(v);
  std::vector<double> ticks;
  if (distinct.size() <= 8) {
    ticks.assign(distinct.begin(), distinct.end());
  } else if (!distinct.empty()) {
    const double low = *distinct.begin(), high = *distinct.rbegin();
    for (int e = static_cast<int>(std::floor(std::log10(low)));
         e <= static_cast<int>(std::ceil(std::log10(high))); ++e)
      for (const double m : {1.0, 2.0, 5.0}) {
        const double tick = m * std::pow(10.0, e);
        if (tick >= low * 0.999 && tick <= high * 1.001) ticks.push_back(tick);
      }
    if (ticks.size() < 2) ticks = {low, high}; // no round value inside: the ends
  }
  std::ostringstream list;
  list.precision(10);
  list << "(";
  for (std::size_t i = 0; i < ticks.size(); ++i)
    list << (i > 0 ? ", " : "") << gnuplot_string(round_text(ticks[i])) << " "
         << std::log10(ticks[i]);
  list << ")";
  return list.str();
}

void add_parallel_plot(PlotRenderer& renderer, const std::string& stem,
                       const std::vector<ParallelAxis>& axes, const arma::mat& lines,
                       const std::string& title) {
  if (axes.size() < 2 || lines.n_rows == 0 || lines.n_cols != axes.size())
    throw PlotError("plot " + renderer.image_file(stem).string() +
                    ": a parallel plot needs two axes and a line");
  const arma::uword n = axes.size();
  std::ostringstream data;
  data.precision(10);
  data << "# one line per row: the value on each axis (log axes: log10 of it; categorical: the "
          "category's index), then the colour value\n#";
  for (const auto& axis : axes)
    data << " " << axis.name;
  data << " colour\n";
  for (arma::uword r = 0; r < lines.n_rows; ++r) {
    for (arma::uword c = 0; c < n; ++c) {
      const double v = lines(r, c);
      data << (axes[c].log_scale ? (v > 0.0 ? std::log10(v) : std::nan("")) : v) << ' ';
    }
    data << lines(r, n - 1) << '\n';
  }
  renderer.write_data(stem, data.str());

  PlotFrame frame{title, "", ""};
  frame.grid = PlotGrid::none;
  frame.key.place = PlotKey::Place::none;
  std::ostringstream body;
  body.precision(10);
  body << plot_preamble(frame)
       << "set border 0\nunset ytics\nset bmargin 4\nset lmargin 6\nset rmargin 14\n"
       << "set xrange [0.8:" << n + 0.2 << "]\nset xtics (";
  for (arma::uword c = 0; c < n; ++c)
    body << (c > 0 ? ", " : "") << gnuplot_string(axes[c].name) << " " << c + 1;
  body << ") scale 0 nomirror offset 0,-0.5\n";
  for (arma::uword c = 0; c < n; ++c) {
    const ParallelAxis& axis = axes[c];
    // gnuplot centres a tic label on its axis: shift it right by half its width.
    std::size_t longest = 6;
    for (const auto& name : axis.categories)
      longest = std::max(longest, name.size());
    body << "set paxis " << c + 1 << " tics offset " << 0.75 * static_cast<double>(longest) + 1.0
         << ",0 nomirror font ',9'";
    if (!axis.categories.empty()) {
      body << " (";
      for (std::size_t i = 0; i < axis.categories.size(); ++i)
        body << (i > 0 ? ", " : "") << gnuplot_string(axis.categories[i]) << " " << i;
      body << ")\nset paxis " << c + 1 << " range [-0.25:" << axis.categories.size() - 0.75 << "]";
    } else if (axis.log_scale) {
      const arma::vec column = lines.col(c);
      body << " " << log_axis_ticks(arma::conv_to<std::vector<double>>::from(column));
    }
    body << "\n";
  }
  const ParallelAxis& colour = axes.back();
  const arma::vec last = lines.col(n - 1);
  const arma::vec finite = last.elem(arma::find_finite(last));
  const bool log_colour =
      colour.log_scale && !finite.is_empty() && finite.min() > 0.0 && finite.max() > finite.min();
  body << "set palette rgb 33,13,10\n" // blue (low) to red (high), as the heatmap
       << "set cblabel " << gnuplot_string(colour.name + (log_colour ? " (log scale)" : "")) << "\n"
       << (log_colour ? "set logscale cb\n" : "");
  const std::string file = gnuplot_string(stem + ".dat");
  // gnuplot 5.4: the first axis carries the colour column and the line properties.
  body << "plot " << file << " using 1:" << n + 1 << " with parallelaxes lw 1.5 lc palette notitle";
  for (arma::uword c = 1; c < n; ++c)
    body << ", \\\n     " << file << " using " << c + 1 << " with parallelaxes notitle";
  body << "\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
