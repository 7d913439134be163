// my_sgd: an optimizer plugin for nnlab, made by `runner new optimizer my_sgd`.
// It starts as gradient descent with one parameter; change step() and the formula below
// into your rule. README.md says how to build, check and use it.
#include <string>

#include <nnlab/plugin.hpp>

namespace {

/// Gradient descent with weight decay (lambda = 0, the default, is plain gradient descent):
///   w = w - alpha (g + lambda w)
/// alpha is the experiment's optimizer.learning_rate, which the trainer passes to step().
/// Stateless: reset() has nothing to size and state() is empty. A rule with state (a
/// velocity, moments) sizes and zeroes it in reset(n_params), returns it from state() and
/// puts it back in restore(), so a checkpointed run resumes to the same bits.
class MySgd final : public nnlab::Optimizer {
public:
  // The runner has checked the block against params() (keys, types, ranges) before this
  // runs. A check that relates two parameters goes here, e.g.
  //   if (!(low_ < high_)) config.fail("high", "a number above low");
  explicit MySgd(const nnlab::PluginConfig& config)
      : weight_decay_(config.get<double>("weight_decay")) {}

  // The keys of the YAML block: name, default, meaning, and the values allowed, with
  // .at_least(x), .above(x), .at_most(x), .below(x) or .one_of({"a", "b"}) for strings. The
  // runner refuses any other value, naming the file, line and key; `runner list my_sgd`
  // prints them.
  static nnlab::ParamList params() {
    return {nnlab::param::number("weight_decay", 0.0,
                                 "lambda: each step also shrinks w by alpha lambda w")
                .at_least(0)};
  }

  void reset(arma::uword /*n_params*/) override {}

  // params and grads are the network's flat vectors; update params in place, allocating
  // nothing (the trainer calls this every iteration).
  void step(arma::vec& params, const arma::vec& grads, double alpha) override {
    params -= alpha * (grads + weight_decay_ * params);
  }

  nnlab::OptimizerState state() const override { return {}; }

  void restore(const nnlab::OptimizerState& state) override {
    if (state.empty()) return;
    const std::string& entry = state.front().first;
    throw nnlab::PluginError("optimizer 'my_sgd' keeps no state, got '" + entry + "'");
  }

private:
  double weight_decay_;
};

} // namespace

// The name must match the library's file name, nnlab_optimizer_my_sgd.so, which
// nnlab_add_plugin(optimizer my_sgd ...) gives it.
NNLAB_REGISTER_OPTIMIZER(MySgd, "my_sgd",
                         "gradient descent with weight decay: w -= alpha (g + lambda w)")
