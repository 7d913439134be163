#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/run_spec.hpp"
#include "nnlab/export.hpp"

namespace nnlab {

/// One key of a search sweep (random or tpe mode) and its distribution, as written:
/// {uniform: [low, high]}, {loguniform: [low, high]}, {int: [low, high]} or a choice
/// ({choice: [...]} or a plain list) of `choices` values.
struct SearchDimension {
  enum class Kind { uniform, loguniform, integer, choice };
  std::string key; ///< "optimizer.learning_rate"
  Kind kind = Kind::choice;
  double low = 0, high = 0; ///< the bounds (choice: 0 and choices - 1)
  std::size_t choices = 0;  ///< choice only
};

/// A point of the search space: one number per dimension, in its own units (a drawn
/// value; an integer; the index of a choice).
using SearchPoint = std::vector<double>;

/// The sweep's keys with their distributions, in the order written. Throws ConfigError as
/// expand_sweep does for a bad distribution.
NNLAB_EXPORT std::vector<SearchDimension> search_space(const Experiment& experiment);

/// `x` as a sweep point holds it, as random mode draws it: uniform and loguniform values
/// kept to 4 significant digits inside [low, high) (the value itself when rounding would
/// leave it), integers rounded and clamped, a choice's index rounded and clamped.
NNLAB_EXPORT double search_value(const SearchDimension& dimension, double x);

/// The first `count` points random mode draws from the experiment's seed (tpe's warm-up):
/// expand_sweep in tpe mode gives their runs.
NNLAB_EXPORT std::vector<SearchPoint> drawn_points(const Experiment& experiment, std::size_t count);

/// The runs of `points` (each run once per seed), numbered from `first_index`: the same
/// ids, configs and labels as random mode gives the same values. Throws ConfigError as
/// expand_sweep does (two identical runs among them, a config that does not check).
NNLAB_EXPORT std::vector<RunSpec> point_runs(const Experiment& experiment,
                                             const std::vector<SearchPoint>& points,
                                             std::size_t first_index);

} // namespace nnlab
