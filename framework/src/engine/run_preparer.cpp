#include "nnlab/engine/run_preparer.hpp"

#include "nnlab/core/error.hpp"
#include "nnlab/model/init.hpp"

namespace nnlab {

namespace {

void check_output_width(const RunConfig& config, const DataSplit& data) {
  const arma::uword outputs = config.model.layers.back();
  const std::size_t k = data.class_names.size();
  if (outputs == k || (outputs == 1 && k == 2)) return;
  const std::string expected = k == 2 ? "1 (or 2 with softmax)" : std::to_string(k);
  throw ConfigError(config.model.layers_at.str() + ": model.layers: the output layer has " +
                    std::to_string(outputs) + " unit(s) but the dataset has " + std::to_string(k) +
                    " classes; expected " + expected);
}

} // namespace

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

PreparedRun prepare_run(const RunSpec& spec, Registry& registry, DatasetCache& datasets) {
  PreparedRun run;
  run.spec = &spec;
  auto [config, parsed] = spec.resolve();
  run.config = std::move(config);
  run.parsed = std::move(parsed);
  run.data = datasets.get(run.parsed.dataset);
  check_output_width(run.parsed, *run.data);
  run.optimizer = registry.create_optimizer(run.parsed.optimizer);
  run.loss = registry.create_loss(run.parsed.loss);
  run.architecture = run.parsed.model.architecture(run.data->train.X.n_rows);
  check_init(run.parsed.model.init, run.architecture); // a weights file that does not fit
  run.inputs = datasets.inputs().inputs_of(run.config, run.parsed);
  require_readable(*run.inputs);
  return run;
}

std::vector<PreparedRun> prepare_runs(const std::vector<RunSpec>& specs, Registry& registry,
                                      DatasetCache& datasets) {
  std::vector<PreparedRun> runs;
  runs.reserve(specs.size());
  for (const auto& spec : specs)
    runs.push_back(prepare_run(spec, registry, datasets));
  return runs;
}

PreparedRun RunPreparer::prepare(const RunSpec& spec) {
  std::lock_guard lock(mutex_);
  return prepare_run(spec, registry_, datasets_);
}

PluginsUsed RunPreparer::check(const std::vector<RunSpec>& specs) {
  PluginsUsed used;
  checked_.clear();
  checked_.reserve(specs.size());
  for (const auto& spec : specs) {
    const PreparedRun run = prepare(spec);
    checked_.push_back(run.inputs);
    used.emplace(PluginKind::dataset, run.parsed.dataset.name);
    used.emplace(PluginKind::loss, run.parsed.loss.name);
    used.emplace(PluginKind::optimizer, run.parsed.optimizer.name);
  }
  return used;
}

} // namespace nnlab
