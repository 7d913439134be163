#pragma once

#include <armadillo>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// A search's progress: each evaluated point as a dot at the runs spent when it was
/// complete (x) and its objective (y; hollow and grey when it was pruned), and the best so
/// far as a step line. x, y, best and pruned have one entry per point, in the order
/// evaluated. Data: "runs value best pruned" rows. Throws PlotError without a finite value.
struct SearchHistory {
  arma::vec runs, value, best;
  arma::uvec pruned; ///< 1: pruned
};

NNLAB_EXPORT void add_history_plot(PlotRenderer& renderer, const std::string& stem,
                                   const SearchHistory& history, const std::string& title,
                                   const std::string& y_label, bool log_y);

} // namespace nnlab
