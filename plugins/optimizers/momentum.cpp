#include <nnlab/plugin.hpp>

namespace {

/// Momentum (Polyak's heavy ball): the velocity v remembers past steps, so directions
/// that agree speed up and directions that oscillate cancel out.
///   v = mu v - alpha g
///   w = w + v
/// mu = 0 is plain gradient descent, and so is the first step after reset() (v = 0).
class Momentum final : public nnlab::Optimizer {
public:
  explicit Momentum(const nnlab::PluginConfig& config) : mu_(config.get<double>("momentum")) {}

  static nnlab::ParamList params() {
    return {nnlab::param::number("momentum", 0.9, "mu: fraction of the velocity kept per step")
                .at_least(0)
                .below(1)};
  }

  void reset(arma::uword n_params) override { velocity_.zeros(n_params); }

  // Both lines evaluate element by element into existing storage: no allocation.
  void step(arma::vec& params, const arma::vec& grads, double alpha) override {
    velocity_ = mu_ * velocity_ - alpha * grads;
    params += velocity_;
  }

  nnlab::OptimizerState state() const override { return {{"velocity", velocity_}}; }

  // Expects reset(n_params) first: the velocity must have the size set there.
  void restore(const nnlab::OptimizerState& state) override {
    velocity_ = nnlab::state_entry(state, "velocity", velocity_.n_elem);
  }

private:
  double mu_;
  arma::vec velocity_;
};

} // namespace

NNLAB_REGISTER_OPTIMIZER(Momentum, "momentum", "heavy ball: v = mu v - alpha g; w += v")
