#include <nnlab/plugin.hpp>

namespace {

/// Nesterov momentum (Sutskever et al. 2013 form, as ensmallen writes it): like
/// momentum, but the step looks ahead along the new velocity.
///   v = mu v - alpha g
///   w = w + mu v - alpha g
/// The first step from v = 0 is (1 + mu) times the plain gradient descent step.
class Nesterov final : public nnlab::Optimizer {
public:
  explicit Nesterov(const nnlab::PluginConfig& config) : mu_(config.get<double>("momentum")) {}

  static nnlab::ParamList params() {
    return {nnlab::param::number("momentum", 0.9, "mu: fraction of the velocity kept per step")
                .at_least(0)
                .below(1)};
  }

  void reset(arma::uword n_params) override { velocity_.zeros(n_params); }

  // Both lines evaluate element by element into existing storage: no allocation.
  void step(arma::vec& params, const arma::vec& grads, double alpha) override {
    velocity_ = mu_ * velocity_ - alpha * grads;
    params += mu_ * velocity_ - alpha * grads;
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

NNLAB_REGISTER_OPTIMIZER(Nesterov, "nesterov",
                         "Nesterov momentum: v = mu v - alpha g; w += mu v - alpha g")
