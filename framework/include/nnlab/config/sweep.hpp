#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "nnlab/config/config_node.hpp"
#include "nnlab/config/experiment.hpp"
#include "nnlab/config/run_config.hpp"
#include "nnlab/export.hpp"

namespace nnlab {

/// One run of a sweep.
struct NNLAB_EXPORT RunSpec {
  /// 16 hex digits: hash of the canonical resolved config and the experiment seed, so key
  /// order and number formatting do not change it, and the same run in a bigger sweep
  /// keeps its id (and its results). training.checkpoint_every is left out: it changes
  /// how a run is kept, not what it computes.
  std::string id;
  std::size_t index = 0;      ///< position in the sweep, 0-based
  std::uint64_t seed = 0;     ///< the run's seed (from `seeds`)
  std::uint64_t rng_seed = 0; ///< seeds the run's Rng: mixed from the experiment seed and id
  ConfigNode config;          ///< resolved: dataset, model, loss, optimizer, training, seed
  /// What this run's sweep point sets, in sweep order: {"optimizer", "momentum(momentum=0.9)"},
  /// {"learning_rate", "0.05"}. The seed is not part of it.
  std::vector<std::pair<std::string, std::string>> point;
  RunConfig parsed;

  /// "momentum(momentum=0.9) learning_rate=0.05": plugin blocks by their value, other
  /// keys as key=value; empty when the experiment has no sweep.
  std::string point_label() const;
};

/// Expands the sweep into points, each run once per seed:
/// - grid (default): the cartesian product of the lists, the first key varying slowest;
/// - zip: the i-th value of every list (all lists have the same length);
/// - random: `samples` points, each key's value drawn from its distribution ({uniform:
///   [low, high]}, {loguniform: [low, high]}, {int: [low, high]}, {choice: [...]} or a plain
///   list), keys in the order written, from an Rng of the experiment seed; a point equal to
///   an earlier one is drawn again. uniform and loguniform values keep 4 significant digits
///   (readable tables and legends).
/// A block value merges into the base block (merge_into); any other value replaces. Every
/// run's config is checked; an empty list, a bad key path, unequal zip lists, a bad
/// distribution or two identical runs throw ConfigError.
NNLAB_EXPORT std::vector<RunSpec> expand_sweep(const Experiment& experiment);

/// The id of a run with this resolved config (seed included) in an experiment of this seed.
NNLAB_EXPORT std::string run_id(const ConfigNode& config, std::uint64_t experiment_seed);

/// The run of a resolved config (as stored with a run): id, rng_seed, seed and parsed config
/// as expand_sweep makes them; index and point are left empty. Relative paths resolve in
/// base_dir. Used to re-execute stored runs.
NNLAB_EXPORT RunSpec make_run_spec(ConfigNode config, std::uint64_t experiment_seed,
                                   const std::filesystem::path& base_dir);

} // namespace nnlab
