#include "nnlab/engine/run_preparer.hpp"

namespace nnlab {

PreparedRun RunPreparer::prepare(const RunSpec& spec) {
  std::lock_guard lock(mutex_);
  return prepare_run(spec, registry_, datasets_);
}

PluginsUsed RunPreparer::check(const std::vector<RunSpec>& specs) {
  PluginsUsed used;
  for (const auto& spec : specs) {
    const PreparedRun run = prepare(spec);
    used.emplace(PluginKind::dataset, run.parsed.dataset.name);
    used.emplace(PluginKind::loss, run.parsed.loss.name);
    used.emplace(PluginKind::optimizer, run.parsed.optimizer.name);
  }
  return used;
}

} // namespace nnlab
