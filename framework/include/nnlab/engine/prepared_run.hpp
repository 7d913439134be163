#pragma once

#include <memory>
#include <vector>

#include "nnlab/config/sweep.hpp"
#include "nnlab/engine/dataset_cache.hpp"
#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/plugin/loss.hpp"
#include "nnlab/plugin/optimizer.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab {

/// A run with everything built: its data, its own optimizer and loss objects, and the
/// network's architecture (input width from the data).
struct PreparedRun {
  const RunSpec* spec = nullptr;
  std::shared_ptr<const DataSplit> data;
  std::shared_ptr<Optimizer> optimizer;
  std::shared_ptr<Loss> loss;
  Architecture architecture;
};

/// Builds every run's plugins and loads its data before anything trains, so a bad
/// parameter in the 27th run stops the sweep before the first one starts. Throws
/// ConfigError when the output layer does not fit the dataset's classes (1 output for
/// 2 classes, or k outputs for k classes) or a model.init file does not fit the network.
NNLAB_EXPORT std::vector<PreparedRun> prepare_runs(const std::vector<RunSpec>& specs,
                                                   Registry& registry, DatasetCache& datasets);

} // namespace nnlab
