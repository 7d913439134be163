#include <cmath>
#include <string>

#include <nnlab/plugin.hpp>

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
      : beta1_(config.get<double>("beta1")), beta2_(config.get<double>("beta2")),
        epsilon_(config.get<double>("epsilon")), weight_decay_(config.get<double>("weight_decay")) {
    // Written negated so that NaN fails too.
    if (!(beta1_ >= 0.0 && beta1_ < 1.0)) config.fail("beta1", "a number in [0, 1)");
    if (!(beta2_ >= 0.0 && beta2_ < 1.0)) config.fail("beta2", "a number in [0, 1)");
    if (!(epsilon_ > 0.0)) config.fail("epsilon", "a number > 0");
    if (!(weight_decay_ >= 0.0)) config.fail("weight_decay", "a number >= 0");
  }

  static nnlab::ParamList params() {
    return {nnlab::param::number("beta1", 0.9, "decay of the running mean m of g"),
            nnlab::param::number("beta2", 0.999, "decay of the running mean v of g^2"),
            nnlab::param::number("epsilon", 1e-8, "added to sqrt(v_hat) so it is never 0"),
            nnlab::param::number("weight_decay", 0.01, "lambda: w shrinks by alpha lambda w")};
  }

  void reset(arma::uword n_params) override {
    m_.zeros(n_params);
    v_.zeros(n_params);
    t_ = 0.0;
  }

  // As adam's step, in the same order, plus the decay term (evaluated with the old w).
  // With weight_decay 0 the term adds exactly 0, so the result is adam's bit for bit.
  void step(arma::vec& params, const arma::vec& grads, double alpha) override {
    t_ += 1.0;
    m_ = beta1_ * m_ + (1.0 - beta1_) * grads;
    v_ = beta2_ * v_ + (1.0 - beta2_) * arma::square(grads);
    const double c1 = 1.0 - std::pow(beta1_, t_);
    const double c2 = 1.0 - std::pow(beta2_, t_);
    params -= alpha * ((m_ / c1) / (arma::sqrt(v_ / c2) + epsilon_) + weight_decay_ * params);
  }

  nnlab::OptimizerState state() const override {
    return {{"m", m_}, {"v", v_}, {"t", arma::vec{t_}}};
  }

  // As adam's: checks everything before changing anything.
  void restore(const nnlab::OptimizerState& state) override {
    const arma::vec& m = nnlab::state_entry(state, "m", m_.n_elem);
    const arma::vec& v = nnlab::state_entry(state, "v", v_.n_elem);
    const double t = nnlab::state_entry(state, "t", 1)[0];
    if (!(t >= 0.0 && t <= 0x1p53 && t == std::floor(t)))
      throw nnlab::PluginError("optimizer 'adamw': state 't' must be a whole number >= 0, got " +
                               std::to_string(t));
    m_ = m;
    v_ = v;
    t_ = t;
  }

private:
  double beta1_;
  double beta2_;
  double epsilon_;
  double weight_decay_;
  arma::vec m_;
  arma::vec v_;
  double t_ = 0.0; // steps since reset(), a whole number
};

} // namespace

NNLAB_REGISTER_OPTIMIZER(AdamW, "adamw",
                         "AdamW: adam plus decoupled weight decay; "
                         "w -= alpha (m_hat / (sqrt(v_hat) + eps) + lambda w)")
