#include <nnlab/plugin.hpp>

#include "adam_moments.hpp"

namespace {

/// AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019,
/// Algorithm 2): Adam, plus a weight decay applied to w directly instead of added to g, so
/// the decay is not rescaled by 1 / sqrt(v_hat).
///   t, m, v, m_hat, v_hat as in adam (Kingma & Ba 2015, Algorithm 1)
///   w = w - alpha (m_hat / (sqrt(v_hat) + epsilon) + weight_decay w)
/// The paper writes w -= eta_t (a m_hat / (sqrt(v_hat) + epsilon) + lambda w) with a learning
/// rate a and a schedule multiplier eta_t; here a = 1 and eta_t is the core's alpha, as in
/// PyTorch's AdamW, so the decay per step is alpha weight_decay. Defaults: Adam's beta1 0.9,
/// beta2 0.999, epsilon 1e-8; weight_decay 0.01, PyTorch's. weight_decay 0 is adam exactly.
class AdamW final : public nnlab::Optimizer {
public:
  explicit AdamW(const nnlab::PluginConfig& config)
      : moments_(config, "adamw"), weight_decay_(config.get<double>("weight_decay")) {}
  static nnlab::ParamList params() {
    nnlab::ParamList list = nnlab_plugins::AdamMoments::params();
    list.push_back(nnlab::param::number("weight_decay", 0.01, "lambda: w shrinks by alpha lambda w")
                       .at_least(0));
    return list;
  }
  void reset(arma::uword n_params) override { moments_.reset(n_params); }
  // Adam's step plus the decay term, evaluated with the old w. With weight_decay 0 the term
  // adds exactly 0, so the result is adam's bit for bit.
  void step(arma::vec& params, const arma::vec& grads, double alpha) override {
    moments_.step(params, grads, alpha, &weight_decay_);
  }
  nnlab::OptimizerState state() const override { return moments_.state(); }
  void restore(const nnlab::OptimizerState& state) override { moments_.restore(state); }

private:
  nnlab_plugins::AdamMoments moments_;
  double weight_decay_;
};

} // namespace

NNLAB_REGISTER_OPTIMIZER(AdamW, "adamw",
                         "AdamW: adam plus decoupled weight decay; "
                         "w -= alpha (m_hat / (sqrt(v_hat) + eps) + lambda w)")
