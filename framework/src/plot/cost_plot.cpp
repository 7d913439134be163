#include "nnlab/plot/cost_plot.hpp"

#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

void add_cost_plot(PlotRenderer& renderer, const std::string& stem, const RunSeries& series,
                   const std::string& title) {
  const arma::uword n = series.cost_train.n_elem;
  const bool with_test = !series.cost_test.is_empty();
  const auto where = "plot " + (renderer.dir() / (stem + ".png")).string() + ": ";
  if (n == 0) throw PlotError(where + "no iterations to plot");
  if (with_test && series.cost_test.n_elem != n)
    throw PlotError(where + "train cost has " + std::to_string(n) + " iterations, test cost " +
                    std::to_string(series.cost_test.n_elem));

  std::ostringstream data;
  data.precision(10);
  data << "# iteration cost_train" << (with_test ? " cost_test" : "") << "\n";
  for (arma::uword i = 0; i < n; ++i) {
    data << i + 1 << ' ' << series.cost_train[i];
    if (with_test) data << ' ' << series.cost_test[i];
    data << '\n';
  }
  renderer.write_data(stem, data.str());

  const std::string file = gnuplot_string(stem + ".dat");
  const std::string style = n > 1 ? " with lines" : " with points pt 7"; // one point: no line
  PlotFrame frame{title, std::string(plot_style::iteration_label), "Cost"};
  frame.key.place = PlotKey::Place::inside; // upper right, as the course
  std::ostringstream body;
  body << plot_preamble(frame);
  if (n > 1) body << "set xrange [1:" << n << "]\n"; // as the course: the axis starts at 1
  body << "plot " << file << " using 1:2" << style << " lw " << plot_style::cost_line_width
       << " lc rgb " << gnuplot_colour(plot_style::train_cost) << " title 'Training set'";
  if (with_test)
    body << ", \\\n     " << file << " using 1:3" << style << " lw " << plot_style::cost_line_width
         << " lc rgb " << gnuplot_colour(plot_style::test_cost) << " title 'Testing set'";
  body << "\n";
  renderer.add(stem, body.str());
}

} // namespace nnlab
