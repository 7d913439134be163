#pragma once

#include <map>
#include <memory>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab {

/// Loads each distinct dataset block once (the runs of a sweep usually share one) and
/// checks it with check_split().
class NNLAB_EXPORT DatasetCache {
public:
  explicit DatasetCache(Registry& registry) : registry_(registry) {}

  std::shared_ptr<const DataSplit> get(const PluginBlock& block);

private:
  Registry& registry_;
  std::map<std::string, std::shared_ptr<const DataSplit>> loaded_;
};

} // namespace nnlab
