#include <string>

#include <nnlab/plugin.hpp>

namespace {

/// Plain gradient descent, the course's update:
///   w = w - alpha g
/// Stateless: reset() has nothing to size and state() is empty.
class MySgd final : public nnlab::Optimizer {
public:
  explicit MySgd(const nnlab::PluginConfig& /*config*/) {}

  static nnlab::ParamList params() { return {}; }

  void reset(arma::uword /*n_params*/) override {}

  void step(arma::vec& params, const arma::vec& grads, double alpha) override {
    params -= alpha * grads;
  }

  nnlab::OptimizerState state() const override { return {}; }

  void restore(const nnlab::OptimizerState& state) override {
    if (!state.empty())
      throw nnlab::PluginError("optimizer 'my_sgd' keeps no state, got '" + state.front().first +
                               "'");
  }
};

} // namespace

NNLAB_REGISTER_OPTIMIZER(MySgd, "my_sgd", "plain gradient descent, built out of tree: w -= alpha g")
