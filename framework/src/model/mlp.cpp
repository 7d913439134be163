#include "nnlab/model/mlp.hpp"

#include <stdexcept>

namespace nnlab {

namespace {

arma::uword count_params(const Architecture& arch) {
  if (arch.n_inputs == 0) throw std::invalid_argument("Mlp: the input has no features");
  if (arch.layers.empty()) throw std::invalid_argument("Mlp: no layers");
  if (!arch.per_layer.empty() && arch.per_layer.size() != arch.layers.size())
    throw std::invalid_argument("Mlp: " + std::to_string(arch.per_layer.size()) +
                                " activations for " + std::to_string(arch.layers.size()) +
                                " layers");
  for (std::size_t l = 1; l < arch.layers.size(); ++l)
    if (arch.activation(l).output_only())
      throw std::invalid_argument("Mlp: " + arch.activation(l).name() +
                                  " is for the output layer only");
  arma::uword n = 0, n_in = arch.n_inputs;
  for (const arma::uword n_out : arch.layers) {
    if (n_out == 0) throw std::invalid_argument("Mlp: a layer has zero units");
    n += DenseLayer::n_params(n_in, n_out);
    n_in = n_out;
  }
  return n;
}

} // namespace

template <class T>
BasicMlp<T>::BasicMlp(const Architecture& arch)
    : arch_(arch), param_buffer_(count_params(arch), 0.0), grad_buffer_(param_buffer_.size(), 0.0),
      params_(param_buffer_.data(), param_buffer_.size(), false, true),
      grads_(grad_buffer_.data(), grad_buffer_.size(), false, true) {
  arma::uword offset = 0, n_in = arch_.n_inputs;
  for (std::size_t l = 0; l < arch_.layers.size(); ++l) {
    const arma::uword n_out = arch_.layers[l];
    const Activation f = arch_.activation(l + 1);
    layers_.push_back(std::make_unique<Layer>(n_in, n_out, f, param_buffer_.data() + offset,
                                              grad_buffer_.data() + offset));
    offset += Layer::n_params(n_in, n_out);
    n_in = n_out;
  }
}

template <class T> arma::Col<T> BasicMlp<T>::weight_mask() const {
  Col mask(n_params(), arma::fill::zeros);
  arma::uword offset = 0;
  for (const auto& layer : layers_) {
    // [W_l (n_out x n_in, column-major), b_l (n_out)]: see the constructor.
    mask.subvec(offset, offset + layer->n_out() * layer->n_in() - 1).ones();
    offset += Layer::n_params(layer->n_in(), layer->n_out());
  }
  return mask;
}

template <class T> BasicNodes<T> BasicMlp<T>::make_nodes(arma::uword m) const {
  Nodes nodes;
  nodes.m = m;
  const std::size_t L = layers_.size();
  for (auto* list : {&nodes.z, &nodes.a, &nodes.dA, &nodes.delta})
    list->resize(L + 1);
  for (std::size_t l = 1; l <= L; ++l)
    for (auto* list : {&nodes.z, &nodes.a, &nodes.dA, &nodes.delta})
      (*list)[l].zeros(layers_[l - 1]->n_out(), m);
  return nodes;
}

template <class T> const arma::Mat<T>& BasicMlp<T>::forward(const Mat& X, Nodes& nodes) const {
  return forward_through(X, nodes, &Layer::forward);
}

template <class T> void BasicMlp<T>::backward_add(const Mat& X, Nodes& nodes) {
  backward_through(X, nodes, &Layer::backward_add);
}

template <class T> bool BasicMlp<T>::sample_major() const {
  for (const auto& layer : layers_)
    if (!layer->sample_major()) return false;
  return true;
}

template <class T>
const arma::Mat<T>& BasicMlp<T>::forward_sample_major(const Mat& Xt, Nodes& nodes) const {
  return forward_through(Xt, nodes, &Layer::forward_sample_major);
}

template <class T> void BasicMlp<T>::backward_add_sample_major(const Mat& Xt, Nodes& nodes) {
  backward_through(Xt, nodes, &Layer::backward_add_sample_major);
}

template <class T>
const arma::Mat<T>& BasicMlp<T>::forward_through(const Mat& X, Nodes& nodes,
                                                 ForwardStep step) const {
  const std::size_t L = layers_.size();
  for (std::size_t l = 1; l <= L; ++l)
    (layers_[l - 1].get()->*step)(l == 1 ? X : nodes.a[l - 1], nodes.z[l], nodes.a[l]);
  return nodes.a[L];
}

template <class T>
void BasicMlp<T>::backward_through(const Mat& X, Nodes& nodes, BackwardStep step) {
  for (std::size_t l = layers_.size(); l >= 1; --l)
    (layers_[l - 1].get()->*step)(l == 1 ? X : nodes.a[l - 1], nodes.a[l], nodes.dA[l],
                                  nodes.delta[l], l > 1 ? &nodes.dA[l - 1] : nullptr);
}

template <class T>
std::vector<std::pair<std::string, arma::mat>> BasicMlp<T>::named_weights() const {
  std::vector<std::pair<std::string, arma::mat>> out;
  for (std::size_t l = 1; l <= layers_.size(); ++l)
    out.emplace_back("W" + std::to_string(l), arma::conv_to<arma::mat>::from(layers_[l - 1]->W()));
  for (std::size_t l = 1; l <= layers_.size(); ++l)
    out.emplace_back("b" + std::to_string(l), arma::conv_to<arma::mat>::from(layers_[l - 1]->b()));
  return out;
}

template <class T>
void BasicMlp<T>::load_weights(const std::vector<std::pair<std::string, arma::mat>>& weights) {
  const auto find = [&](const std::string& name, arma::uword rows, arma::uword cols) {
    for (const auto& [key, value] : weights) {
      if (key != name) continue;
      if (value.n_rows != rows || value.n_cols != cols)
        throw std::invalid_argument("Mlp: " + name + " is " + std::to_string(value.n_rows) + "x" +
                                    std::to_string(value.n_cols) + ", expected " +
                                    std::to_string(rows) + "x" + std::to_string(cols));
      return value;
    }
    throw std::invalid_argument("Mlp: no weights named " + name);
  };
  for (std::size_t l = 1; l <= layers_.size(); ++l) {
    Layer& layer = *layers_[l - 1];
    layer.W() =
        arma::conv_to<Mat>::from(find("W" + std::to_string(l), layer.n_out(), layer.n_in()));
    layer.b() = arma::conv_to<Col>::from(find("b" + std::to_string(l), layer.n_out(), 1));
  }
}

template class BasicMlp<double>;
template class BasicMlp<float>;

} // namespace nnlab
