// runner export --format onnx: the network as an ONNX model, through Debian's libonnx protos.
#include <onnx/onnx_pb.h>

#include "network_export.hpp"
#include "nnlab/core/version.hpp"

namespace nnlab::runner {

namespace {

// Opset 13 has every operator used here on float64 (Gemm, Sub, Div, Mul, Max, Tanh, Sigmoid,
// Relu, LeakyRelu, Identity, Softmax), and IR version 7 is the one it came with: the oldest
// pair that serves, so the most runtimes read the file.
constexpr std::int64_t opset = 13;
constexpr std::int64_t ir_version = 7;

void add_tensor(onnx::GraphProto& graph, const std::string& name, const double* values,
                std::vector<std::int64_t> dims) {
  onnx::TensorProto* tensor = graph.add_initializer();
  tensor->set_name(name);
  tensor->set_data_type(onnx::TensorProto::DOUBLE);
  std::int64_t n = 1;
  for (const auto dim : dims) {
    tensor->add_dims(dim);
    n *= dim;
  }
  for (std::int64_t i = 0; i < n; ++i)
    tensor->add_double_data(values[i]);
}

/// A float64 tensor of shape (N, width), N the number of samples.
void describe(onnx::ValueInfoProto* value, const std::string& name, arma::uword width,
              const std::string& doc) {
  value->set_name(name);
  value->set_doc_string(doc);
  onnx::TypeProto_Tensor* tensor = value->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(onnx::TensorProto::DOUBLE);
  tensor->mutable_shape()->add_dim()->set_dim_param("N");
  tensor->mutable_shape()->add_dim()->set_dim_value(static_cast<std::int64_t>(width));
}

onnx::NodeProto* add_node(onnx::GraphProto& graph, const std::string& op,
                          const std::vector<std::string>& inputs, const std::string& output) {
  onnx::NodeProto* node = graph.add_node();
  node->set_op_type(op);
  node->set_name(output);
  for (const auto& input : inputs)
    node->add_input(input);
  node->add_output(output);
  return node;
}

void add_int(onnx::NodeProto* node, const std::string& name, std::int64_t value) {
  onnx::AttributeProto* attribute = node->add_attribute();
  attribute->set_name(name);
  attribute->set_type(onnx::AttributeProto::INT);
  attribute->set_i(value);
}

/// a = f(z) for layer l. LeakyRelu's alpha is a float32 attribute, which would round a slope
/// such as 0.01; such a slope goes in a float64 tensor instead: max(z, slope z), the same
/// for slopes in [0, 1).
void add_activation(onnx::GraphProto& graph, const Activation& f, arma::uword l,
                    const std::string& z, const std::string& a) {
  switch (f.kind()) {
  case Activation::Kind::tanh: add_node(graph, "Tanh", {z}, a); return;
  case Activation::Kind::sigmoid: add_node(graph, "Sigmoid", {z}, a); return;
  case Activation::Kind::relu: add_node(graph, "Relu", {z}, a); return;
  case Activation::Kind::identity: add_node(graph, "Identity", {z}, a); return;
  case Activation::Kind::softmax: add_int(add_node(graph, "Softmax", {z}, a), "axis", 1); return;
  case Activation::Kind::leaky_relu: {
    const double slope = f.slope();
    if (static_cast<double>(static_cast<float>(slope)) == slope) {
      onnx::AttributeProto* alpha = add_node(graph, "LeakyRelu", {z}, a)->add_attribute();
      alpha->set_name("alpha");
      alpha->set_type(onnx::AttributeProto::FLOAT);
      alpha->set_f(static_cast<float>(slope));
      return;
    }
    const std::string name = "slope" + std::to_string(l);
    add_tensor(graph, name, &slope, {});
    add_node(graph, "Mul", {z, name}, "slope_z" + std::to_string(l));
    add_node(graph, "Max", {z, "slope_z" + std::to_string(l)}, a);
    return;
  }
  }
}

void add_metadata(onnx::ModelProto& model, const std::string& key, const std::string& value) {
  onnx::StringStringEntryProto* entry = model.add_metadata_props();
  entry->set_key(key);
  entry->set_value(value);
}

} // namespace

std::string onnx_model(const StoredNetwork& net) {
  const Mlp& mlp = *net.mlp;
  onnx::ModelProto model;
  model.set_ir_version(ir_version);
  model.set_producer_name("nnlab");
  model.set_producer_version(version);
  model.set_doc_string("A trained network from " + provenance(net));
  onnx::OperatorSetIdProto* operators = model.add_opset_import();
  operators->set_domain("");
  operators->set_version(opset);
  add_metadata(model, "feature_names", Json(net.feature_names).dump());
  add_metadata(model, "class_names", Json(net.class_names).dump());
  add_metadata(model, "outputs",
               mlp.n_outputs() == 1 ? "probability of class_names[1]"
                                    : "one per class of class_names");

  onnx::GraphProto& graph = *model.mutable_graph();
  graph.set_name("nnlab_network");
  describe(graph.add_input(), "input", mlp.n_inputs(),
           "raw features, one sample a row, columns as feature_names");
  describe(graph.add_output(), "output", mlp.n_outputs(), "the output layer's activations");
  std::string a = "input";
  if (!net.scaler().empty()) {
    const std::vector<std::int64_t> dims{static_cast<std::int64_t>(mlp.n_inputs())};
    add_tensor(graph, "mean", net.scaler().mean.memptr(), dims);
    add_tensor(graph, "scale", net.scaler().scale.memptr(), dims);
    add_node(graph, "Sub", {"input", "mean"}, "centred");
    add_node(graph, "Div", {"centred", "scale"}, "standardised");
    a = "standardised";
  }
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l) {
    const DenseLayer& layer = mlp.layer(l);
    const std::string n = std::to_string(l);
    // W is stored as the course writes it (units x inputs, row-major): Gemm takes it with
    // transB, z = a W^T + b for samples as rows.
    const arma::mat W = layer.W().t();
    add_tensor(graph, "W" + n, W.memptr(),
               {static_cast<std::int64_t>(layer.n_out()), static_cast<std::int64_t>(layer.n_in())});
    add_tensor(graph, "b" + n, layer.b().memptr(), {static_cast<std::int64_t>(layer.n_out())});
    add_int(add_node(graph, "Gemm", {a, "W" + n, "b" + n}, "z" + n), "transB", 1);
    const std::string next = l == mlp.n_layers() ? "output" : "a" + n;
    add_activation(graph, layer.activation(), l, "z" + n, next);
    a = next;
  }
  std::string bytes;
  model.SerializeToString(&bytes);
  return bytes;
}

} // namespace nnlab::runner
