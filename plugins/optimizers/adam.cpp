#include <nnlab/plugin.hpp>

#include "adam_moments.hpp"

namespace {

/// Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1):
/// running means of g (m) and g^2 (v), corrected for their start at 0.
///   t = t + 1
///   m = beta1 m + (1 - beta1) g            m_hat = m / (1 - beta1^t)
///   v = beta2 v + (1 - beta2) g^2          v_hat = v / (1 - beta2^t)
///   w = w - alpha m_hat / (sqrt(v_hat) + epsilon)
/// Defaults are the paper's: beta1 0.9, beta2 0.999, epsilon 1e-8. After reset() the first
/// step is alpha sign(g) (up to epsilon): m_hat = g and v_hat = g^2.
class Adam final : public nnlab::Optimizer {
public:
  explicit Adam(const nnlab::PluginConfig& config) : moments_(config, "adam") {}
  static nnlab::ParamList params() { return nnlab_plugins::AdamMoments::params(); }
  void reset(arma::uword n_params) override { moments_.reset(n_params); }
  void step(arma::vec& params, const arma::vec& grads, double alpha) override {
    moments_.step(params, grads, alpha, nullptr);
  }
  nnlab::OptimizerState state() const override { return moments_.state(); }
  void restore(const nnlab::OptimizerState& state) override { moments_.restore(state); }

private:
  nnlab_plugins::AdamMoments moments_;
};

} // namespace

NNLAB_REGISTER_OPTIMIZER(Adam, "adam",
                         "Adam: bias-corrected means m of g and v of g^2; "
                         "w -= alpha m_hat / (sqrt(v_hat) + eps)")
