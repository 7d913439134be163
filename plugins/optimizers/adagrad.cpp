#include <nnlab/plugin.hpp>

namespace {

/// AdaGrad (Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning and
/// Stochastic Optimization", JMLR 12, 2011; the diagonal variant): every parameter gets its
/// own rate, shrinking with the sum G of its squared gradients.
///   G = G + g^2
///   w = w - alpha g / (sqrt(G) + epsilon)
/// From G = 0 the first step is alpha sign(g) (up to epsilon), whatever the scale of g.
/// Defaults: epsilon 1e-8 as in ensmallen's AdaGrad (PyTorch uses 1e-10, Keras 1e-7);
/// initial_accumulator 0 as in the paper (G is the plain sum of g^2) and PyTorch. Keras
/// starts at 0.1, which damps the first steps of parameters with small gradients.
class Adagrad final : public nnlab::Optimizer {
public:
  explicit Adagrad(const nnlab::PluginConfig& config)
      : epsilon_(config.get<double>("epsilon")),
        initial_accumulator_(config.get<double>("initial_accumulator")) {}

  static nnlab::ParamList params() {
    using namespace nnlab::param;
    return {number("epsilon", 1e-8, "added to sqrt(G) so the divisor is never 0").above(0),
            number("initial_accumulator", 0.0, "G after reset(), per parameter").at_least(0)};
  }

  void reset(arma::uword n_params) override {
    sum_squares_.set_size(n_params);
    sum_squares_.fill(initial_accumulator_);
  }

  // Both lines evaluate element by element into existing storage: no allocation.
  void step(arma::vec& params, const arma::vec& grads, double alpha) override {
    sum_squares_ += arma::square(grads);
    params -= alpha * grads / (arma::sqrt(sum_squares_) + epsilon_);
  }

  nnlab::OptimizerState state() const override { return {{"sum_squares", sum_squares_}}; }

  // Expects reset(n_params) first: the sum must have the size set there.
  void restore(const nnlab::OptimizerState& state) override {
    sum_squares_ = nnlab::state_entry(state, "sum_squares", sum_squares_.n_elem);
  }

private:
  double epsilon_;
  double initial_accumulator_;
  arma::vec sum_squares_;
};

} // namespace

NNLAB_REGISTER_OPTIMIZER(Adagrad, "adagrad", "AdaGrad: G += g^2; w -= alpha g / (sqrt(G) + eps)")
