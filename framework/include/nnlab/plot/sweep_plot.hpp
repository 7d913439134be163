#pragma once

#include <armadillo>
#include <cstddef>
#include <fstream>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// Curves of one group (a sweep point): one colour, one thin line per run (seed).
/// curves[r][i] is the value at iteration i + 1.
struct CurveGroup {
  std::string label;
  std::vector<arma::vec> curves;
};

/// One series (e.g. test cost) vs iteration for every run of an experiment: one palette
/// colour per group (the palette repeats with dashes after 10 groups), the group's label
/// once in a legend outside the plot area. Curves longer than plot_style::max_curve_points
/// are thinned in the data file (every k-th iteration plus the last). With log_y, values
/// <= 0 or far below the largest are drawn at a floor; without any positive value the
/// axis stays linear. Data: one block per non-empty curve, "iteration value".
/// Built a group at a time, each group's curves written to the data file as they come, so
/// a sweep's curves need not all be in memory at once.
class NNLAB_EXPORT SweepPlot {
public:
  /// Opens the data file; throws PlotError when it cannot be written.
  SweepPlot(PlotRenderer& renderer, std::string stem, std::string title, std::string y_label,
            bool log_y);

  /// The curves of one group (a group without a non-empty curve leaves no legend entry).
  /// `colour` indexes plot_style::palette.
  void add_group(const std::string& label, std::size_t colour,
                 const std::vector<const arma::vec*>& curves);
  /// Adds the script to the renderer. Throws PlotError when no group had a non-empty curve
  /// or the data file could not be written.
  void finish();

private:
  struct Group {
    std::string label;
    std::size_t colour, first, last; ///< data blocks [first, last]
  };
  PlotRenderer& renderer_;
  std::string stem_, title_, y_label_;
  bool log_y_;
  std::ofstream data_;
  std::vector<Group> groups_;
  std::size_t blocks_ = 0;
  arma::uword n_max_ = 0;
  double max_, min_positive_; ///< finite values seen
};

/// A SweepPlot of `groups`, each in the colour of its position.
NNLAB_EXPORT void add_sweep_plot(PlotRenderer& renderer, const std::string& stem,
                                 const std::vector<CurveGroup>& groups, const std::string& title,
                                 const std::string& y_label, bool log_y);

} // namespace nnlab
