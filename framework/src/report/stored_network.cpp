#include "nnlab/report/stored_network.hpp"

#include <stdexcept>

#include "nnlab/core/error.hpp"
#include "nnlab/model/panel_pass.hpp"
#include "nnlab/report/run_reference.hpp"
#include "nnlab/report/stored_runs.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

namespace {

std::vector<std::string> numbered(const std::string& prefix, std::size_t n, std::size_t first) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < n; ++i)
    names.push_back(prefix + std::to_string(first + i));
  return names;
}

// What a run must have for its network to be applied: a finished training and finite
// weights named W1, b1, ...
void check_trained(const RunRecord& record, const std::string& source) {
  if (record.status != RunStatus::done)
    throw ConfigError(source + ": the run " + to_string(record.status) +
                      (record.message.empty() ? "" : " (" + record.message + ")") +
                      ": it has no trained network to apply");
  if (record.weights.empty()) throw ConfigError(source + ": the run stores no weights");
  for (const auto& [name, values] : record.weights)
    if (!values.is_finite())
      throw ConfigError(source + ": weights " + name +
                        " hold NaN or infinity: no trained network to apply");
}

std::string label_column_of(const PluginBlock& dataset) {
  if (const ConfigNode* label = dataset.params.find("label"); label && label->is_scalar())
    return label->as_string(dataset.path + ".label");
  return "y";
}

} // namespace

arma::mat StoredNetwork::outputs(arma::mat X) const {
  if (X.n_rows != mlp->n_inputs())
    throw std::invalid_argument(source + ": " + std::to_string(X.n_rows) +
                                " features given, the network takes " +
                                std::to_string(mlp->n_inputs()));
  scaler().apply(X);
  PanelPass pass(*mlp, X.n_cols);
  return pass.forward(*mlp, X);
}

StoredNetwork read_stored_network(const std::filesystem::path& store, const std::string& run) {
  StoredNetwork net;
  try {
    const RunStore runs = RunStore::open_read_only(store);
    const std::string id = resolve_run(runs, run);
    net.source = store.string() + ":" + id;
    StoredRun stored = read_stored_run(runs, id, RunParts::weights);
    net.record = std::move(stored.record);
    net.config = parse_run_config(stored.config, runs.header().attribute("experiment_dir"));
  } catch (const StorageError& e) {
    // A store that cannot be read is trouble with the input, as for runner diff.
    throw ConfigError(e.what());
  }
  const RunRecord& record = net.record;
  check_trained(record, net.source);
  const arma::uword n_inputs = record.weights.front().second.n_cols;
  try {
    net.mlp = std::make_unique<Mlp>(net.config.model.architecture(n_inputs));
    net.mlp->load_weights(record.weights);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(net.source + ": the weights do not fit the run's model: " + e.what());
  }

  net.feature_names =
      record.feature_names.size() == n_inputs ? record.feature_names : numbered("x", n_inputs, 1);
  const arma::uword outputs = net.mlp->n_outputs();
  const std::size_t k = outputs == 1 ? 2 : outputs;
  net.class_names = record.class_names.size() == k ? record.class_names : numbered("", k, 0);
  net.label_column = label_column_of(net.config.dataset);
  if (!record.scaler.empty() && record.scaler.mean.n_elem != n_inputs)
    throw ConfigError(net.source + ": the scaler has " + std::to_string(record.scaler.mean.n_elem) +
                      " features, the network " + std::to_string(n_inputs));
  return net;
}

} // namespace nnlab
