// runner export --format json: the network as one JSON document (README: Predicting and
// exporting).
#include "network_export.hpp"
#include "nnlab/core/version.hpp"

namespace nnlab::runner {

namespace {

Json numbers(const double* values, std::size_t n) {
  Json list = Json::array();
  for (std::size_t i = 0; i < n; ++i)
    list.push_back(values[i]);
  return list;
}

/// W as a list of rows: W[i][j] is the weight from input j to unit i.
Json rows(const arma::mat& W) {
  Json list = Json::array();
  for (arma::uword i = 0; i < W.n_rows; ++i) {
    const arma::rowvec row = W.row(i);
    list.push_back(numbers(row.memptr(), row.n_elem));
  }
  return list;
}

} // namespace

std::string provenance(const StoredNetwork& net) {
  const RunRecord& record = net.record;
  return net.source + " (run " + std::to_string(record.index + 1) + ", " +
         run_title(record.label, record.seed) + ")";
}

Json json_model(const StoredNetwork& net) {
  const Mlp& mlp = *net.mlp;
  const RunRecord& record = net.record;
  Json doc;
  doc["nnlab_model"] = 1;
  doc["nnlab_version"] = version;
  doc["source"] = {{"run", net.source},
                   {"id", record.id},
                   {"number", record.index + 1},
                   {"seed", record.seed},
                   {"label", record.label}};
  doc["features"] = net.feature_names;
  doc["scaler"] = net.scaler().empty()
                      ? Json(nullptr)
                      : Json{{"mean", numbers(net.scaler().mean.memptr(), mlp.n_inputs())},
                             {"scale", numbers(net.scaler().scale.memptr(), mlp.n_inputs())}};
  doc["classes"] = net.class_names;
  doc["outputs"] = mlp.n_outputs() == 1 ? "probability of classes[1]" : "one per class";
  Json layers = Json::array();
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l) {
    const DenseLayer& layer = mlp.layer(l);
    Json entry{{"inputs", layer.n_in()},
               {"units", layer.n_out()},
               {"activation", layer.activation().name()}};
    if (layer.activation().kind() == Activation::Kind::leaky_relu)
      entry["slope"] = layer.activation().slope();
    entry["W"] = rows(layer.W());
    entry["b"] = numbers(layer.b().memptr(), layer.b().n_elem);
    layers.push_back(std::move(entry));
  }
  doc["layers"] = std::move(layers);
  return doc;
}

} // namespace nnlab::runner
