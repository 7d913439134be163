#include "nnlab/plot/plot_frame.hpp"

#include <sstream>

#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

namespace {

std::string key_line(const PlotKey& key) {
  constexpr const char* style = " Left reverse nobox";
  std::ostringstream line;
  line.precision(4);
  switch (key.place) {
  case PlotKey::Place::inside: line << "set key inside right top vertical" << style; break;
  case PlotKey::Place::outside:
    // `width 2`: gnuplot underestimates the key's width and clips the longest label; below
    // the plot a third column of such labels would run past the right edge.
    if (key.longest_label <= plot_style::key_beside_max_label)
      line << "set key outside right top vertical" << style << " width 2";
    else
      line << "set key below horizontal" << style << " samplen 2 font ',10' maxcols "
           << (key.longest_label <= plot_style::key_two_columns_max_label ? 2 : 1);
    break;
  case PlotKey::Place::screen:
    line << "set key at screen " << key.x << ", screen " << key.y << " " << key.anchor
         << (key.horizontal ? " horizontal" : " vertical") << style;
    break;
  case PlotKey::Place::none: line << "unset key"; break;
  }
  line << "\n";
  return line.str();
}

} // namespace

std::string plot_preamble(const PlotFrame& frame) {
  std::ostringstream text;
  if (frame.title_on_canvas)
    text << "set label 1 " << gnuplot_string(frame.title) << " at screen 0.5, 0.965 center\n";
  else
    text << "set title " << gnuplot_string(frame.title) << "\n";
  if (!frame.x_label.empty()) text << "set xlabel " << gnuplot_string(frame.x_label) << "\n";
  if (!frame.y_label.empty()) text << "set ylabel " << gnuplot_string(frame.y_label) << "\n";
  const std::string grid_style =
      " back lt 1 lw 1 lc rgb " + gnuplot_colour(plot_style::grid_colour) + "\n";
  switch (frame.grid) {
  case PlotGrid::none: break;
  case PlotGrid::x: text << "set grid xtics" << grid_style; break;
  case PlotGrid::both: text << "set grid xtics ytics" << grid_style; break;
  }
  text << key_line(frame.key);
  return text.str();
}

} // namespace nnlab
