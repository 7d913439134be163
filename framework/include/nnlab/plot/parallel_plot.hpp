#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// One vertical axis of a parallel-coordinates plot.
struct ParallelAxis {
  std::string name;
  /// Non-empty: a categorical axis; a line's value on it is the index of its category.
  std::vector<std::string> categories;
  bool log_scale = false; ///< a numeric axis drawn at log10 of its (positive) values
};

/// Parallel coordinates: one line per row of `lines` (one column per axis, NaN: the line
/// stops short of that axis), coloured by its value on the last axis (the metric, on a
/// log colour scale when that axis is log_scale). Categorical axes show their category
/// names, log axes ticks at round values (or at every value when there are at most 8).
/// Data: one row per line, "axis values... colour". Throws PlotError without a line or
/// with fewer than two axes.
NNLAB_EXPORT void add_parallel_plot(PlotRenderer& renderer, const std::string& stem,
                                    const std::vector<ParallelAxis>& axes, const arma::mat& lines,
                                    const std::string& title);

/// The tick list of a log axis over the positive `values`: every distinct value when there
/// are at most 8, else 1, 2 and 5 times the powers of ten within their range, as
/// "('0.01' -2, ...)" at log10 positions.
NNLAB_EXPORT std::string log_axis_ticks(const std::vector<double>& values);

} // namespace nnlab
