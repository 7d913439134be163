#include "nnlab/engine/dataset_cache.hpp"

namespace nnlab {

std::shared_ptr<const DataSplit> DatasetCache::get(const PluginBlock& block) {
  // Relative paths make the folder part of the identity: the same text may name
  // different files for experiments in different folders.
  const std::string key =
      block.name + "|" + block.params.canonical() + "|" + block.base_dir.string();
  if (const auto it = loaded_.find(key); it != loaded_.end()) return it->second;
  const auto dataset = registry_.create_dataset(block);
  auto split = std::make_shared<DataSplit>(dataset->load());
  check_split(*split, "dataset '" + block.name + "' (" + block.name_at.str() + ")");
  return loaded_.emplace(key, std::move(split)).first->second;
}

} // namespace nnlab
