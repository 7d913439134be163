#include <nnlab/plugin.hpp>

namespace {

/// RMSprop (Hinton, Srivastava & Swersky, "Neural Networks for Machine Learning", lecture 6e,
/// 2012): like AdaGrad, but G is a running mean of g^2, so old gradients are forgotten and the
/// rate does not shrink forever.
///   E = rho E + (1 - rho) g^2
///   w = w - alpha g / (sqrt(E) + epsilon)
/// Defaults: rho 0.9 as in the lecture ("MeanSquare = 0.9 MeanSquare + 0.1 grad^2") and
/// Keras (PyTorch and ensmallen use 0.99); epsilon 1e-8 as in PyTorch and ensmallen.
/// E starts at 0, so the first step is alpha sign(g) / sqrt(1 - rho) (up to epsilon).
class RmsProp final : public nnlab::Optimizer {
public:
  explicit RmsProp(const nnlab::PluginConfig& config)
      : rho_(config.get<double>("rho")), epsilon_(config.get<double>("epsilon")) {}

  static nnlab::ParamList params() {
    using namespace nnlab::param;
    return {number("rho", 0.9, "decay of the running mean E of g^2").at_least(0).below(1),
            number("epsilon", 1e-8, "added to sqrt(E) so the divisor is never 0").above(0)};
  }

  void reset(arma::uword n_params) override { mean_squares_.zeros(n_params); }

  // Both lines evaluate element by element into existing storage: no allocation.
  void step(arma::vec& params, const arma::vec& grads, double alpha) override {
    mean_squares_ = rho_ * mean_squares_ + (1.0 - rho_) * arma::square(grads);
    params -= alpha * grads / (arma::sqrt(mean_squares_) + epsilon_);
  }

  nnlab::OptimizerState state() const override { return {{"mean_squares", mean_squares_}}; }

  // Expects reset(n_params) first: the mean must have the size set there.
  void restore(const nnlab::OptimizerState& state) override {
    mean_squares_ = nnlab::state_entry(state, "mean_squares", mean_squares_.n_elem);
  }

private:
  double rho_;
  double epsilon_;
  arma::vec mean_squares_;
};

} // namespace

NNLAB_REGISTER_OPTIMIZER(RmsProp, "rmsprop",
                         "RMSprop: E = rho E + (1 - rho) g^2; w -= alpha g / (sqrt(E) + eps)")
