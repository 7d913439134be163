#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

struct Experiment;
class ConfigNode;

/// What successive halving and Hyperband read from the sweep block:
///   sweep.min_iterations  the first rung (required), 1 <= min_iterations < training.iterations
///   sweep.eta             each rung keeps the best 1/eta of its points and trains them eta
///                         times longer (default 3, an integer >= 2)
///   sweep.monitor         the series points are ranked by at a rung (default: cost_valid
///                         when the runs have a validation split, else cost_test); a cost is
///                         minimised, an accuracy maximised
/// training.iterations is the last rung (every run's id keeps it, as in a grid).
struct HalvingSettings {
  std::uint64_t min_iterations = 0;
  std::uint64_t max_iterations = 0;
  std::uint64_t eta = 3;
  std::string monitor; ///< Experiment::monitor; empty: the default above, from the stored series
};

/// One successive halving: its points (indices into the sweep's points, in sweep order)
/// all train to rungs[0]; at each rung but the last the best max(1, n / eta) of the n
/// points continue to the next. rungs rise and end at training.iterations.
struct HalvingBracket {
  std::vector<std::uint64_t> rungs;
  std::vector<std::size_t> points;
};

/// Reads sweep.min_iterations and sweep.eta of a halving or hyperband sweep (sweep.monitor
/// is read with tpe's keys, into Experiment::monitor, and copied) into e.halving (and
/// training.iterations as its maximum). A missing or bad value, a sweep over training.iterations or
/// training.epochs, or training by epochs throws ConfigError "file:line:col: sweep.KEY: what was
/// expected, got ...". Other modes leave the keys unread (so --set sweep.mode=grid trains the full
/// grid of the same points).
NNLAB_EXPORT void read_halving(const ConfigNode& sweep, Experiment& e);

/// The brackets over `points` sweep points:
/// - halving: one bracket of every point, rungs min, min*eta, min*eta^2, ... (below the
///   maximum), then the maximum;
/// - hyperband (Li et al. 2018): s_max = the largest s with min * eta^s <= max; bracket s
///   (s = s_max down to 0) starts at rung max / eta^s (rounded down) and multiplies by eta
///   up to the maximum, and is given points in proportion to
///   n_s = ceil((s_max + 1) / (s + 1) * eta^s) (largest remainders; a bracket given none is
///   left out). The sweep's points are dealt out in an order shuffled from the experiment
///   seed, so that each bracket sees the whole range of a sorted list.
NNLAB_EXPORT std::vector<HalvingBracket> plan_brackets(const Experiment& e, std::size_t points);

} // namespace nnlab
