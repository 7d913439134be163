#include "data_loader.hpp"

#include <memory>

#include "nnlab/engine/run_preparer.hpp"

namespace nnlab::runner {

DataLoader data_loader(Registry& registry) {
  auto datasets = std::make_shared<DatasetCache>(registry);
  return [datasets](const PluginBlock& dataset) { return datasets->get(dataset); };
}

} // namespace nnlab::runner
