#include "nnlab/plot/evaluation_plots.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "class_style.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

namespace {

std::string split_title(const std::string& split) {
  return split == "valid" ? "validation" : split;
}

std::uint32_t split_colour(const std::string& split) {
  return split == "test" ? plot_style::test_cost : plot_style::palette[2];
}

std::string number(double value, const char* format) {
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string tick_list(const std::vector<std::string>& names) {
  std::ostringstream ticks;
  ticks << "(";
  for (std::size_t i = 0; i < names.size(); ++i)
    ticks << (i > 0 ? ", " : "") << gnuplot_string(names[i]) << " " << i;
  return ticks.str() + ")";
}

} // namespace

void add_confusion_plot(PlotRenderer& renderer, const std::string& stem,
                        const std::vector<SplitEvaluation>& splits,
                        const std::vector<std::string>& class_names, const std::string& title) {
  std::vector<const SplitEvaluation*> drawn;
  for (const auto& split : splits)
    if (!split.confusion.is_empty()) drawn.push_back(&split);
  if (drawn.empty())
    throw PlotError("plot " + renderer.image_file(stem).string() + ": no confusion matrix");
  const arma::uword k = drawn.front()->confusion.n_rows;
  std::vector<std::string> names;
  for (arma::uword c = 0; c < k; ++c)
    names.push_back(c < class_names.size() && !class_names[c].empty() ? class_names[c]
                                                                      : std::to_string(c));

  std::ostringstream data;
  data.precision(6);
  for (const SplitEvaluation* split : drawn) {
    data << "# " << split->split << ": predicted true count share_of_row\n";
    const arma::umat& C = split->confusion;
    for (arma::uword i = 0; i < C.n_rows; ++i) {
      const double row = static_cast<double>(arma::accu(C.row(i)));
      for (arma::uword j = 0; j < C.n_cols; ++j)
        data << j << ' ' << i << ' ' << C(i, j) << ' '
             << (row > 0 ? static_cast<double>(C(i, j)) / row : 0.0) << '\n';
      data << '\n';
    }
    data << '\n';
  }
  renderer.write_data(stem, data.str());

  const double rows = static_cast<double>(drawn.size());
  const PlotCanvas canvas{900, static_cast<int>(50 + 420 * drawn.size())};
  const double top = 1.0 - 50.0 / canvas.height, panel = top / rows;
  const std::string file = gnuplot_string(stem + ".dat");
  const std::string cell_font = k <= 6 ? "',12'" : k <= 12 ? "',9'" : "',7'";
  PlotFrame frame{title, "predicted class", "true class"};
  frame.title_on_canvas = true;
  frame.grid = PlotGrid::none;
  frame.key.place = PlotKey::Place::none;
  std::ostringstream body;
  body.precision(4);
  body << plot_preamble(frame) << "set multiplot\nunset colorbox\nset tics scale 0\n"
       << "set xtics " << tick_list(names) << (k > 4 ? " rotate by 30 right" : "") << "\n"
       << "set ytics " << tick_list(names) << "\n"
       << "set xrange [-0.5:" << k - 0.5 << "]\nset yrange [" << k - 0.5 << ":-0.5]\n"
       << "set cbrange [0:1]\nset palette defined (0 '#ffffff', 1 "
       << gnuplot_colour(plot_detail::blend_on_white(plot_style::positive_class, 0.8)) << ")\n";
  for (std::size_t s = 0; s < drawn.size(); ++s) {
    const SplitEvaluation& split = *drawn[s];
    const double bottom = top - panel * static_cast<double>(s + 1);
    for (const bool counts : {true, false}) {
      body << "set title "
           << gnuplot_string(
                  split_title(split.split) + ": " +
                  (counts ? "counts" : "share of each true class") +
                  (counts ? " (accuracy " + number(100 * split.accuracy, "%.1f") + " %)" : ""))
           << "\nset lmargin at screen " << (counts ? 0.13 : 0.6) << "\nset rmargin at screen "
           << (counts ? 0.47 : 0.94) << "\nset bmargin at screen " << bottom + 0.17 * panel
           << "\nset tmargin at screen " << bottom + 0.88 * panel << "\n"
           << "plot " << file << " index " << s << " using 1:2:4 with image notitle, \\\n     "
           << file << " index " << s
           << " using 1:2:" << (counts ? "(sprintf('%d', $3))" : "(sprintf('%.1f %%', 100 * $4))")
           << " with labels font " << cell_font << " tc rgb '#000000' notitle\n";
      if (s == 0 && counts) body << "unset label\n";
    }
  }
  body << "unset multiplot\n";
  renderer.add(stem, body.str(), canvas);
}

void add_roc_plot(PlotRenderer& renderer, const std::string& stem,
                  const std::vector<SplitEvaluation>& splits, const std::string& title) {
  std::vector<const SplitEvaluation*> drawn;
  for (const auto& split : splits)
    if (!split.roc.is_empty() && !split.pr.is_empty()) drawn.push_back(&split);
  if (drawn.empty())
    throw PlotError("plot " + renderer.image_file(stem).string() +
                    ": no ROC curve (a binary task with both classes in the split)");
  std::ostringstream data;
  data.precision(8);
  for (const SplitEvaluation* split : drawn) {
    data << "# " << split->split << " ROC: false_positive_rate true_positive_rate\n";
    for (arma::uword r = 0; r < split->roc.n_rows; ++r)
      data << split->roc(r, 0) << ' ' << split->roc(r, 1) << '\n';
    data << plot_detail::block_end << "# " << split->split << " PR: recall precision\n"
         << "0 " << split->pr(0, 1) << '\n';
    for (arma::uword r = 0; r < split->pr.n_rows; ++r)
      data << split->pr(r, 0) << ' ' << split->pr(r, 1) << '\n';
    data << plot_detail::block_end;
  }
  renderer.write_data(stem, data.str());

  const std::string file = gnuplot_string(stem + ".dat");
  const PlotCanvas canvas{1000, 500};
  PlotFrame roc{title, "false positive rate", "true positive rate"};
  roc.title_on_canvas = true;
  roc.key = {PlotKey::Place::screen, 0, 0.44, 0.2, "right bottom", false};
  std::ostringstream body;
  body.precision(4);
  body << "set multiplot\nset xrange [0:1]\nset yrange [0:1.02]\n"
       << plot_preamble(roc) << "set title 'ROC curve'\nset lmargin at screen 0.08\n"
       << "set rmargin at screen 0.46\nset bmargin at screen 0.12\nset tmargin at screen 0.86\n"
       << "plot x with lines dt 2 lc rgb '#999999' title 'chance'";
  for (std::size_t s = 0; s < drawn.size(); ++s)
    body << ", \\\n     " << file << " index " << 2 * s << " using 1:2 with lines lw 2 lc rgb "
         << gnuplot_colour(split_colour(drawn[s]->split)) << " title "
         << gnuplot_string(split_title(drawn[s]->split) + ", AUC " +
                           number(drawn[s]->roc_auc, "%.3f"));
  body << "\nunset label\n";
  PlotFrame pr{"", "recall", "precision"};
  pr.key = {PlotKey::Place::screen, 0, 0.94, 0.2, "right bottom", false};
  const SplitEvaluation& first = *drawn.front();
  const double share = static_cast<double>(first.support.n_elem > 1 ? first.support[1] : 0) /
                       std::max(1.0, static_cast<double>(arma::accu(first.support)));
  body << plot_preamble(pr) << "set title 'precision-recall curve'\n"
       << "set lmargin at screen 0.58\nset rmargin at screen 0.96\n"
       << "plot " << share << " with lines dt 2 lc rgb '#999999' title "
       << gnuplot_string("chance (" + split_title(first.split) + ")");
  for (std::size_t s = 0; s < drawn.size(); ++s)
    body << ", \\\n     " << file << " index " << 2 * s + 1 << " using 1:2 with lines lw 2 lc rgb "
         << gnuplot_colour(split_colour(drawn[s]->split)) << " title "
         << gnuplot_string(split_title(drawn[s]->split) + ", AP " +
                           number(drawn[s]->average_precision, "%.3f"));
  body << "\nunset multiplot\n";
  renderer.add(stem, body.str(), canvas);
}

} // namespace nnlab
