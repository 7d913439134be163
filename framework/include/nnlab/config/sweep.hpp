#pragma once

#include <vector>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/run_spec.hpp"
#include "nnlab/core/memory_size.hpp"
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
/// The runs are counted first, without expanding anything: a sweep whose table of runs
/// would take more than `budget` (sweep_table_bytes() per run) is refused with ConfigError
/// "<file:line:col>: sweep: needs ~800 GB for the table of 1000000000000 runs (...)".
NNLAB_EXPORT std::vector<RunSpec> expand_sweep(const Experiment& experiment,
                                               const MemoryBudget& budget = {});

/// What one run of a sweep with `axes` keys is taken to cost while the sweep runs and is
/// reported: its RunSpec, its place in the indexes, its row in the summary.
NNLAB_EXPORT std::uint64_t sweep_table_bytes(std::size_t axes);

} // namespace nnlab
