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
struct RunSpec {
  std::string id;           ///< 16 hex digits: hash of the canonical resolved config
  std::size_t index = 0;    ///< position in the sweep, 0-based
  std::uint64_t seed = 0;   ///< the run's seed (from `seeds`)
  std::uint64_t rng_seed = 0; ///< seeds the run's Rng: mixed from the experiment seed and id
  ConfigNode config;        ///< resolved: dataset, model, loss, optimizer, training, seed
  /// What this run's sweep point sets, in sweep order: {"optimizer", "momentum(momentum=0.9)"},
  /// {"learning_rate", "0.05"}. The seed is not part of it.
  std::vector<std::pair<std::string, std::string>> point;
  RunConfig parsed;

  /// "optimizer=momentum(momentum=0.9) learning_rate=0.05" (or "base" with no sweep).
  std::string point_label() const;
};

/// Expands the sweep: the cartesian product of the `sweep` lists (keys applied in the
/// order written, the first varying slowest), each point once per seed. A block value
/// merges into the base block key by key (keys of another plugin are dropped when the
/// value names a different plugin); any other value replaces. Every run's config is
/// checked; an empty list, a bad key path or two identical runs throw ConfigError.
NNLAB_EXPORT std::vector<RunSpec> expand_sweep(const Experiment& experiment);

} // namespace nnlab
