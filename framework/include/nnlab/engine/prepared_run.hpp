#pragma once

#include <memory>
#include <vector>

#include "nnlab/config/run_spec.hpp"
#include "nnlab/engine/dataset_cache.hpp"
#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/plugin/loss.hpp"
#include "nnlab/plugin/optimizer.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab {

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
};

/// Builds one run: resolves its config, loads its data (through the cache), builds its
/// plugins. Throws ConfigError when the output layer does not fit the dataset's classes
/// (1 output for 2 classes, or k outputs for k classes) or a model.init file does not fit
/// the network; plugin and data errors as the Registry and the dataset throw them.
NNLAB_EXPORT PreparedRun prepare_run(const RunSpec& spec, Registry& registry,
                                     DatasetCache& datasets);

/// prepare_run for each of a few runs, all kept (tests, re-executing stored runs). A sweep
/// prepares each run as it starts instead (RunPreparer).
NNLAB_EXPORT std::vector<PreparedRun> prepare_runs(const std::vector<RunSpec>& specs,
                                                   Registry& registry, DatasetCache& datasets);

} // namespace nnlab
