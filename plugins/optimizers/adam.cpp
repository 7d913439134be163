#include <cmath>
#include <string>

#include <nnlab/plugin.hpp>

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
  explicit Adam(const nnlab::PluginConfig& config)
      : beta1_(config.get<double>("beta1")), beta2_(config.get<double>("beta2")),
        epsilon_(config.get<double>("epsilon")) {
    // Written negated so that NaN fails too.
    if (!(beta1_ >= 0.0 && beta1_ < 1.0)) config.fail("beta1", "a number in [0, 1)");
    if (!(beta2_ >= 0.0 && beta2_ < 1.0)) config.fail("beta2", "a number in [0, 1)");
    if (!(epsilon_ > 0.0)) config.fail("epsilon", "a number > 0");
  }

  static nnlab::ParamList params() {
    return {nnlab::param::number("beta1", 0.9, "decay of the running mean m of g"),
            nnlab::param::number("beta2", 0.999, "decay of the running mean v of g^2"),
            nnlab::param::number("epsilon", 1e-8, "added to sqrt(v_hat) so it is never 0")};
  }

  void reset(arma::uword n_params) override {
    m_.zeros(n_params);
    v_.zeros(n_params);
    t_ = 0.0;
  }

  // Every vector line evaluates element by element into existing storage: no allocation.
  // adamw's step is this one plus a decay term; keep the two in the same order of operations.
  void step(arma::vec& params, const arma::vec& grads, double alpha) override {
    t_ += 1.0;
    m_ = beta1_ * m_ + (1.0 - beta1_) * grads;
    v_ = beta2_ * v_ + (1.0 - beta2_) * arma::square(grads);
    const double c1 = 1.0 - std::pow(beta1_, t_);
    const double c2 = 1.0 - std::pow(beta2_, t_);
    params -= alpha * ((m_ / c1) / (arma::sqrt(v_ / c2) + epsilon_));
  }

  nnlab::OptimizerState state() const override {
    return {{"m", m_}, {"v", v_}, {"t", arma::vec{t_}}};
  }

  // Expects reset(n_params) first: m and v must have the size set there. Checks everything
  // before changing anything, so a rejected state leaves the optimizer as it was.
  void restore(const nnlab::OptimizerState& state) override {
    const arma::vec& m = nnlab::state_entry(state, "m", m_.n_elem);
    const arma::vec& v = nnlab::state_entry(state, "v", v_.n_elem);
    const double t = nnlab::state_entry(state, "t", 1)[0];
    // t counts steps: a whole number, exact in a double up to 2^53.
    if (!(t >= 0.0 && t <= 0x1p53 && t == std::floor(t)))
      throw nnlab::PluginError("optimizer 'adam': state 't' must be a whole number >= 0, got " +
                               std::to_string(t));
    m_ = m;
    v_ = v;
    t_ = t;
  }

private:
  double beta1_;
  double beta2_;
  double epsilon_;
  arma::vec m_;
  arma::vec v_;
  double t_ = 0.0; // steps since reset(), a whole number
};

} // namespace

NNLAB_REGISTER_OPTIMIZER(Adam, "adam",
                         "Adam: bias-corrected means m of g and v of g^2; "
                         "w -= alpha m_hat / (sqrt(v_hat) + eps)")
