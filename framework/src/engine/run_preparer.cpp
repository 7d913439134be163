#include "nnlab/engine/run_preparer.hpp"

#include "nnlab/core/error.hpp"
#include "nnlab/engine/memory_estimate.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/train/validation_split.hpp"

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

std::string at(const SourceLocation& location) {
  return location.file.empty() ? std::string() : location.str() + ": ";
}

// The run's validation set: held out of the training set, or the dataset's own. With one,
// the monitors not written watch it; without, none may.
void prepare_validation(PreparedRun& run) {
  TrainSettings& training = run.parsed.training;
  const std::string where = at(run.parsed.validation_fraction_at);
  if (training.validation_fraction > 0.0) {
    if (run.data->valid.X.n_cols > 0)
      throw ConfigError(where + "training.validation_fraction: the dataset '" +
                        run.parsed.dataset.name +
                        "' gives a validation set of its own (dataset.validation); use one "
                        "or the other");
    run.data = std::make_shared<const DataSplit>(
        hold_out_validation(*run.data, training.validation_fraction, run.streams.split, where));
  }
  if (run.data->valid.X.n_cols > 0) {
    training.watch_validation();
    return;
  }
  const auto refuse = [&](const Monitor& monitor, const std::string& key) {
    if (!monitor.series().validation) return;
    throw ConfigError(key + ": " + to_string(monitor) + " needs a validation set, and run " +
                      run.spec->id +
                      " has none (set training.validation_fraction, or a dataset validation file)");
  };
  if (training.early_stopping)
    refuse(training.early_stopping->monitor, "training.early_stopping.monitor");
  if (training.lr_schedule.kind == LrScheduleSettings::Kind::adaptive)
    refuse(training.lr_schedule.monitor, "training.lr_schedule.monitor");
}

} // namespace

std::shared_ptr<const DataSplit> DatasetCache::get(const PluginBlock& block) {
  // Relative paths make the folder part of the identity: the same text may name
  // different files for experiments in different folders.
  const std::string key =
      block.name + "|" + block.params.canonical() + "|" + block.base_dir.string();
  if (const auto it = loaded_.find(key); it != loaded_.end()) return it->second;
  const auto dataset = registry_.create_dataset(block);
  const std::string source = "dataset '" + block.name + "' (" + block.name_at.str() + ")";
  std::shared_ptr<DataSplit> split;
  try {
    split = std::make_shared<DataSplit>(dataset->load());
  } catch (const std::exception& e) {
    if (!is_out_of_memory(e)) throw;
    throw DataError(source + ": loading the data: " + failure_text(e));
  }
  check_split(*split, source);
  for (const Samples* samples : {&split->train, &split->test})
    bytes_ = saturating_add(bytes_, sizeof(double) * (samples->X.n_elem + samples->y.n_elem));
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
  const arma::uword n_inputs = run.data->train.X.n_rows;
  run.streams =
      run_streams(run.config, run.parsed.training, spec.experiment_seed, spec.seed, n_inputs);
  prepare_validation(run);
  run.optimizer = registry.create_optimizer(run.parsed.optimizer);
  run.loss = registry.create_loss(run.parsed.loss);
  run.architecture = run.parsed.model.architecture(n_inputs);
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
  memory_.clear();
  memory_.reserve(specs.size());
  checked_.clear();
  checked_.reserve(specs.size());
  for (const auto& spec : specs) {
    const PreparedRun run = prepare(spec);
    const MemoryEstimate estimate = estimate_run_memory(run);
    check_run_memory(spec, estimate, budget_);
    memory_.push_back(estimate.total());
    checked_.push_back(run.inputs);
    used.emplace(PluginKind::dataset, run.parsed.dataset.name);
    used.emplace(PluginKind::loss, run.parsed.loss.name);
    used.emplace(PluginKind::optimizer, run.parsed.optimizer.name);
  }
  return used;
}

} // namespace nnlab
