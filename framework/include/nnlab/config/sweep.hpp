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
  /// keeps its id (and its results).
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

/// Expands the sweep: the cartesian product of the `sweep` lists (keys applied in the
/// order written, the first varying slowest), each point once per seed. A block value
/// merges into the base block key by key (keys of another plugin are dropped when the
/// value names a different plugin); any other value replaces. Every run's config is
/// checked; an empty list, a bad key path or two identical runs throw ConfigError.
NNLAB_EXPORT std::vector<RunSpec> expand_sweep(const Experiment& experiment);

} // namespace nnlab
