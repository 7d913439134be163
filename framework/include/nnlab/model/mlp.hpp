#pragma once

#include <armadillo>
#include <memory>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/model/activation.hpp"
#include "nnlab/model/dense_layer.hpp"
#include "nnlab/model/nodes.hpp"
#include "nnlab/model/precision.hpp"

namespace nnlab {

/// The course's convention: `layers` lists the hidden and output layer sizes
/// ([3, 2, 1] is 2-3-2-1 on 2-D data); the input size comes from the data.
struct Architecture {
  arma::uword n_inputs = 0;
  std::vector<arma::uword> layers;
  Activation hidden{Activation::Kind::tanh};
  Activation output{Activation::Kind::sigmoid};
  /// One per layer when given; empty: `hidden` for every layer but the last, `output` there.
  std::vector<Activation> per_layer = {};
  /// What the passes compute in (PanelPass); the parameters are doubles either way.
  Precision precision = Precision::float64;

  /// The activation of layer l (1-based, as the course numbers them).
  const Activation& activation(std::size_t l) const {
    if (!per_layer.empty()) return per_layer.at(l - 1);
    return l == layers.size() ? output : hidden;
  }
};

/// A multi-layer perceptron of any depth. All parameters live in one flat vector
/// [W1, b1, W2, b2, ...] (each W column-major) and all gradients in another of the same
/// layout, so an optimizer sees one parameter vector and one gradient vector. Not
/// copyable: the layers' W and b are views into that vector.
/// Mlp holds them in double, whatever architecture().precision says: they are the master
/// weights an optimizer updates. BasicMlp<float> is the single-precision copy through
/// which a float32 network's passes go (PanelPass makes and refreshes it).
template <class T> class NNLAB_EXPORT BasicMlp {
public:
  using Mat = arma::Mat<T>;
  using Col = arma::Col<T>;
  using Layer = BasicDenseLayer<T>;
  using Nodes = BasicNodes<T>;

  /// Throws std::invalid_argument on an empty or zero-width architecture.
  explicit BasicMlp(const Architecture& arch);
  BasicMlp(const BasicMlp&) = delete;
  BasicMlp& operator=(const BasicMlp&) = delete;

  const Architecture& architecture() const { return arch_; }
  arma::uword n_layers() const { return layers_.size(); }
  arma::uword n_inputs() const { return arch_.n_inputs; }
  arma::uword n_outputs() const { return arch_.layers.back(); }
  arma::uword n_params() const { return params_.n_elem; }

  /// Layer l = 1..L.
  const Layer& layer(arma::uword l) const { return *layers_.at(l - 1); }
  Layer& layer(arma::uword l) { return *layers_.at(l - 1); }

  /// The flat parameters; an optimizer updates them in place (their size is fixed).
  Col& params() { return params_; }
  const Col& params() const { return params_; }
  /// The flat gradient dC/dparams: backward_add's sums, once scaled (PanelPass).
  const Col& grads() const { return grads_; }
  /// The same, to fill in place (PanelPass: a float32 pass's sums, in double).
  Col& grads() { return grads_; }

  /// 1 where params() holds a weight (an entry of some W_l), 0 where it holds a bias:
  /// weight decay penalises the weights only.
  Col weight_mask() const;

  /// Buffers for passes over m samples.
  Nodes make_nodes(arma::uword m) const;
  /// Forward pass over X (n_inputs x m): fills z[l], a[l]; returns a[L].
  const Mat& forward(const Mat& X, Nodes& nodes) const;
  /// Backward pass over a panel of a pass's samples (panel_pass.hpp), after
  /// forward(X, nodes), from nodes.dA[L] = dC/da_L per sample (set by the loss): fills
  /// delta[l] and dA[l], and adds the panel's sums delta_l a_{l-1}^T and sum(delta_l, 1)
  /// onto grads(), which start from zero_grads() and end divided by the pass's m
  /// (scale_grads).
  void backward_add(const Mat& X, Nodes& nodes);
  /// Whether every layer has a sample-major pass (DenseLayer::sample_major): a thin
  /// network such as the course's 2-3-2-1.
  bool sample_major() const;
  /// forward() and backward_add() with the nodes stored sample-major (z[l] holds z_l^T,
  /// and so on: samples x units, Workspace::view_sample_major) from Xt = X^T.
  const Mat& forward_sample_major(const Mat& Xt, Nodes& nodes) const;
  void backward_add_sample_major(const Mat& Xt, Nodes& nodes);
  void zero_grads() { grads_.zeros(); }
  void scale_grads(double factor) { grads_ *= factor; }

  /// Copies of W_l and b_l as "W1", "b1", ... (for the store), in double.
  std::vector<std::pair<std::string, arma::mat>> named_weights() const;
  /// Sets W_l and b_l from named_weights()-style pairs (all of them, any order); throws
  /// std::invalid_argument on a missing name or a wrong shape.
  void load_weights(const std::vector<std::pair<std::string, arma::mat>>& weights);

private:
  // One layer's pass (DenseLayer::forward or its sample-major twin; DenseLayer::backward_add
  // or its sample-major twin), taken through every layer in order.
  using ForwardStep = void (Layer::*)(const Mat&, Mat&, Mat&) const;
  using BackwardStep = void (Layer::*)(const Mat&, const Mat&, const Mat&, Mat&, Mat*);
  const Mat& forward_through(const Mat& X, Nodes& nodes, ForwardStep step) const;
  void backward_through(const Mat& X, Nodes& nodes, BackwardStep step);

  Architecture arch_;
  std::vector<T> param_buffer_, grad_buffer_;
  Col params_, grads_;
  std::vector<std::unique_ptr<Layer>> layers_;
};

using Mlp = BasicMlp<double>;

extern template class BasicMlp<double>;
extern template class BasicMlp<float>;

} // namespace nnlab
