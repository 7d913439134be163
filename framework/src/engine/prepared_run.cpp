#include "nnlab/engine/prepared_run.hpp"

#include "nnlab/core/error.hpp"
#include "nnlab/model/init.hpp"

namespace nnlab {

namespace {

void check_output_width(const RunSpec& spec, const DataSplit& data) {
  const arma::uword outputs = spec.parsed.model.layers.back();
  const std::size_t k = data.class_names.size();
  if (outputs == k || (outputs == 1 && k == 2)) return;
  const std::string expected = k == 2 ? "1 (or 2 with softmax)" : std::to_string(k);
  throw ConfigError(spec.parsed.model.layers_at.str() + ": model.layers: the output layer has " +
                    std::to_string(outputs) + " unit(s) but the dataset has " + std::to_string(k) +
                    " classes; expected " + expected);
}

} // namespace

std::vector<PreparedRun> prepare_runs(const std::vector<RunSpec>& specs, Registry& registry,
                                      DatasetCache& datasets) {
  std::vector<PreparedRun> runs;
  runs.reserve(specs.size());
  for (const auto& spec : specs) {
    PreparedRun run;
    run.spec = &spec;
    run.data = datasets.get(spec.parsed.dataset);
    check_output_width(spec, *run.data);
    run.optimizer = registry.create_optimizer(spec.parsed.optimizer);
    run.loss = registry.create_loss(spec.parsed.loss);
    run.architecture = spec.parsed.model.architecture(run.data->train.X.n_rows);
    check_init(spec.parsed.model.init, run.architecture); // a weights file that does not fit
    runs.push_back(std::move(run));
  }
  return runs;
}

} // namespace nnlab
