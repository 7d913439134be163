#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "nnlab/config/run_config.hpp"
#include "nnlab/export.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// What builds the resolved config of runs: a point of an experiment's sweep (shared by
/// the point's seeds and by the experiment's other points), or a config stored with a run.
/// A run keeps its source, not its config, so a sweep of 100,000 runs holds 100,000 small
/// specs rather than 100,000 config trees.
class NNLAB_EXPORT RunSource {
public:
  virtual ~RunSource();
  /// The resolved config of the run with this seed (a stored config has its own seed).
  virtual ConfigNode config(std::uint64_t seed) const = 0;
  /// Where the config's relative paths resolve.
  virtual const std::filesystem::path& base_dir() const = 0;
};

/// A run's resolved config, and the same read and checked by parse_run_config.
struct ResolvedRun {
  ConfigNode config; ///< dataset, model, loss, optimizer, training, seed
  RunConfig parsed;
};

/// One run of a sweep: who it is, and what builds its config when it is about to run.
struct NNLAB_EXPORT RunSpec {
  /// 16 hex digits: hash of the canonical resolved config, the experiment seed and the
  /// version of the random streams (run_streams.hpp), so key order and number formatting
  /// do not change it, and the same run in a bigger sweep keeps its id (and its results).
  /// training.checkpoint_every, snapshots and snapshot_every are left out: they change how
  /// a run is kept, not what it computes.
  std::string id;
  std::size_t index = 0;             ///< position in the sweep, 0-based
  std::uint64_t seed = 0;            ///< the run's seed (from `seeds`)
  std::uint64_t experiment_seed = 0; ///< its experiment's `seed`: the run's streams mix it in
  /// What this run's sweep point sets, in sweep order: {"optimizer", "momentum(momentum=0.9)"},
  /// {"learning_rate", "0.05"}. The seed is not part of it.
  std::vector<std::pair<std::string, std::string>> point;
  std::shared_ptr<const RunSource> source; ///< builds config()

  /// "momentum(momentum=0.9) learning_rate=0.05": plugin blocks by their value, other
  /// keys as key=value; empty when the experiment has no sweep.
  std::string point_label() const;
  /// The resolved config (dataset, model, loss, optimizer, training, seed), built anew on
  /// each call: the tree the id was computed from.
  ConfigNode config() const;
  /// config() and its parsed form. Throws ConfigError as parse_run_config does (never for
  /// a run of expand_sweep or make_run_spec: they checked it).
  ResolvedRun resolve() const;
};

/// The id of a run with this resolved config (seed included) in an experiment of this seed.
NNLAB_EXPORT std::string run_id(const ConfigNode& config, std::uint64_t experiment_seed);
/// The number run_id writes in hex.
NNLAB_EXPORT std::uint64_t run_hash(const ConfigNode& config, std::uint64_t experiment_seed);

/// The run of a resolved config (as stored with a run): id, seed and experiment_seed as
/// expand_sweep makes them; index and point are left empty. The config is checked here
/// (parse_run_config: ConfigError) and kept as the run's source. Relative paths resolve
/// in base_dir. Used to re-execute stored runs.
NNLAB_EXPORT RunSpec make_run_spec(ConfigNode config, std::uint64_t experiment_seed,
                                   const std::filesystem::path& base_dir);

} // namespace nnlab
