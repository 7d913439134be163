#include "nnlab/plot/history_plot.hpp"

#include <cmath>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

void add_history_plot(PlotRenderer& renderer, const std::string& stem, const SearchHistory& history,
                      const std::string& title, const std::string& y_label, bool log_y) {
  const arma::vec finite = history.value.elem(arma::find_finite(history.value));
  if (finite.is_empty())
    throw PlotError("plot " + renderer.image_file(stem).string() + ": no values to plot");
  std::ostringstream data;
  data.precision(10);
  data << "# runs_spent value best_so_far pruned (one row per point, in the order evaluated)\n";
  for (arma::uword i = 0; i < history.value.n_elem; ++i)
    data << history.runs[i] << ' ' << history.value[i] << ' ' << history.best[i] << ' '
         << history.pruned[i] << '\n';
  renderer.write_data(stem, data.str());

  PlotFrame frame{title, "runs spent", y_label};
  frame.key.longest_label = 11; // beside the plot, clear of the points
  const bool log_scale = log_y && finite.min() > 0.0;
  const std::string file = gnuplot_string(stem + ".dat");
  std::ostringstream body;
  body << plot_preamble(frame) << (log_scale ? "set logscale y\n" : "")
       << "set xrange [0:" << history.runs.max() * 1.02 << "]\n"
       << "plot " << file << " using 1:($4 == 0 ? $2 : NaN) with points pt 7 ps 0.8 lc rgb "
       << gnuplot_colour(plot_style::palette[0], 0.7)
       << " title 'sweep point', \\\n     ";
  if (arma::any(history.pruned))
    body << file << " using 1:($4 == 1 ? $2 : NaN) with points pt 6 ps 0.8 lc rgb "
         << gnuplot_colour(0x7f7f7f) << " title 'pruned', \\\n     ";
  body << file << " using 1:3 with steps lw 2 lc rgb " << gnuplot_colour(plot_style::palette[3])
       << " title 'best so far'\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
