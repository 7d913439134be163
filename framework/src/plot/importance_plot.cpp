#include "nnlab/plot/importance_plot.hpp"

#include <cmath>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

void add_importance_plot(PlotRenderer& renderer, const std::string& stem,
                         const std::vector<ImportanceBar>& bars, const std::string& title,
                         const std::string& x_label, const std::string& note) {
  if (bars.empty())
    throw PlotError("plot " + renderer.image_file(stem).string() + ": no bars to plot");
  std::ostringstream data;
  data.precision(10);
  data << "# row value name (row 0 is drawn on top)\n";
  for (std::size_t i = 0; i < bars.size(); ++i)
    data << i << ' ' << bars[i].value << ' ' << gnuplot_string(bars[i].name) << '\n';
  renderer.write_data(stem, data.str());

  PlotFrame frame{title, x_label, ""};
  frame.grid = PlotGrid::x;
  frame.key.place = PlotKey::Place::none;
  const std::string file = gnuplot_string(stem + ".dat");
  const std::string colour = gnuplot_colour(plot_style::palette[0]);
  std::ostringstream body;
  body << plot_preamble(frame) << "set xrange [0:1.12]\nset xtics 0, 0.2, 1\n"
       << "set yrange [" << bars.size() - 0.5 << ":-0.5]\n" // first bar on top
       << "set ytics (";
  for (std::size_t i = 0; i < bars.size(); ++i)
    body << (i > 0 ? ", " : "") << gnuplot_string(bars[i].name) << " " << i;
  body << ") scale 0 noenhanced\nset style fill solid 0.8 noborder\n";
  if (!note.empty())
    body << "set label 2 " << gnuplot_string(note)
         << " at graph 0.99, graph 0.03 right font ',9' tc rgb '#555555'\n";
  body << "plot " << file << " using ($2 == $2 ? $2 / 2 : 0):1:($2 == $2 ? $2 / 2 : 0):(0.3) "
       << "with boxxyerror lc rgb " << colour << " notitle, \\\n     " << file
       << " using ($2 == $2 ? $2 : 0):1:($2 == $2 ? sprintf(' %.3f', $2) : ' n/a') "
          "with labels left font ',10' notitle\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
