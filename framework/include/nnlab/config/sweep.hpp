#pragma once

#include <vector>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/run_spec.hpp"
#include "nnlab/export.hpp"

namespace nnlab {

/// Expands the sweep into points, each run once per seed:
/// - grid (default): the cartesian product of the lists, the first key varying slowest;
/// - zip: the i-th value of every list (all lists have the same length);
/// - random: `samples` points, each key's value drawn from its distribution ({uniform:
///   [low, high]}, {loguniform: [low, high]}, {int: [low, high]}, {choice: [...]} or a plain
///   list), keys in the order written, from an Rng of the experiment seed; a point equal to
///   an earlier one is drawn again. uniform and loguniform values keep 4 significant digits
///   (readable tables and legends).
/// A block value merges into the base block (merge_into); any other value replaces. Every
/// run's config is built and checked here, one at a time, then dropped: a run keeps its id,
/// seeds, point and a source shared with the other runs (RunSpec::config() builds the tree
/// again), so memory per run stays small for sweeps of any size. An empty list, a bad key
/// path, unequal zip lists, a bad distribution or two identical runs throw ConfigError.
NNLAB_EXPORT std::vector<RunSpec> expand_sweep(const Experiment& experiment);

} // namespace nnlab
