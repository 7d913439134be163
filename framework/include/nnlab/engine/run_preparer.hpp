#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "nnlab/config/run_spec.hpp"
#include "nnlab/engine/run_inputs.hpp"
#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/plugin/loss.hpp"
#include "nnlab/plugin/optimizer.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab {

/// Building a run before it trains: RunSpec -> PreparedRun (config resolved, data loaded,
/// plugins built). DatasetCache loads each data set once, prepare_run() builds one run,
/// RunPreparer builds a sweep's runs as they start.

/// Loads each distinct dataset block once (the runs of a sweep usually share one) and
/// checks it with check_split(); hashes each file the runs read once (inputs()).
class NNLAB_EXPORT DatasetCache {
public:
  explicit DatasetCache(Registry& registry) : registry_(registry), inputs_(registry) {}

  std::shared_ptr<const DataSplit> get(const PluginBlock& block);
  InputHasher& inputs() { return inputs_; }

private:
  Registry& registry_;
  std::map<std::string, std::shared_ptr<const DataSplit>> loaded_;
  InputHasher inputs_;
};

/// A run with everything built: its config, its data, its own optimizer and loss objects,
/// and the network's architecture (input width from the data). Built when the run is about
/// to train and dropped after: only the data is shared between runs.
struct PreparedRun {
  const RunSpec* spec = nullptr;
  std::shared_ptr<const DataSplit> data;
  std::shared_ptr<Optimizer> optimizer;
  std::shared_ptr<Loss> loss;
  Architecture architecture;
  ConfigNode config; ///< resolved (RunSpec::resolve), stored with the run
  RunConfig parsed;
  std::shared_ptr<const RunInputs> inputs; ///< the files and libraries it uses, hashed
};

/// Builds one run: resolves its config, loads its data (through the cache), builds its
/// plugins, hashes its inputs. Throws ConfigError when the output layer does not fit the
/// dataset's classes (1 output for 2 classes, or k outputs for k classes) or a model.init
/// file does not fit the network; DataError when a file it names cannot be hashed; plugin
/// and data errors as the Registry and the dataset throw them.
NNLAB_EXPORT PreparedRun prepare_run(const RunSpec& spec, Registry& registry,
                                     DatasetCache& datasets);

/// prepare_run for each of a few runs, all kept (tests, re-executing stored runs). A sweep
/// prepares each run as it starts instead (RunPreparer).
NNLAB_EXPORT std::vector<PreparedRun> prepare_runs(const std::vector<RunSpec>& specs,
                                                   Registry& registry, DatasetCache& datasets);

/// The plugins a sweep's runs use, by kind and name.
using PluginsUsed = std::set<std::pair<PluginKind, std::string>>;

/// Builds a sweep's runs when they are about to train, so that memory holds the runs in
/// training rather than the whole sweep: a run's config tree and plugins live as long as
/// its PreparedRun. Data sets are loaded once and kept (the runs of a sweep usually share
/// one). prepare() may be called from several threads: it builds one run at a time, since
/// the Registry and the DatasetCache are not thread-safe.
class NNLAB_EXPORT RunPreparer {
public:
  explicit RunPreparer(Registry& registry) : registry_(registry), datasets_(registry) {}

  /// prepare_run(spec), under the lock.
  PreparedRun prepare(const RunSpec& spec);
  /// Prepares every run and drops it again, one at a time, so that a bad parameter in the
  /// 27th run stops the sweep before the first one trains; returns the plugins they use.
  PluginsUsed check(const std::vector<RunSpec>& specs);
  /// The inputs of each run of the last check(), in its order (runs share them).
  const std::vector<std::shared_ptr<const RunInputs>>& checked_inputs() const { return checked_; }

private:
  std::vector<std::shared_ptr<const RunInputs>> checked_;
  std::mutex mutex_;
  Registry& registry_;
  DatasetCache datasets_;
};

} // namespace nnlab
