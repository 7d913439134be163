// The plugin sources and experiments `runner new` writes, one per kind. Each is a working
// plugin written the way plugins/ writes them, so the skeleton builds, passes
// `runner check-plugin` and trains before its author changes anything. The optimizer's, for
// NAME my_sgd, is plugins/template/ byte for byte (tests/runner/runner_new_test.cpp).
#include "plugin_skeleton.hpp"

namespace nnlab::runner {

namespace {

constexpr std::string_view optimizer_source =
    R"skeleton(// @NAME@: an optimizer plugin for nnlab, made by `runner new optimizer @NAME@`.
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
class @CLASS@ final : public nnlab::Optimizer {
public:
  // The runner has checked the block against params() (keys, types, ranges) before this
  // runs. A check that relates two parameters goes here, e.g.
  //   if (!(low_ < high_)) config.fail("high", "a number above low");
  explicit @CLASS@(const nnlab::PluginConfig& config)
      : weight_decay_(config.get<double>("weight_decay")) {}

  // The keys of the YAML block: name, default, meaning, and the values allowed, with
  // .at_least(x), .above(x), .at_most(x), .below(x) or .one_of({"a", "b"}) for strings. The
  // runner refuses any other value, naming the file, line and key; `runner list @NAME@`
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
    throw nnlab::PluginError("optimizer '@NAME@' keeps no state, got '" + entry + "'");
  }

private:
  double weight_decay_;
};

} // namespace

// The name must match the library's file name, nnlab_optimizer_@NAME@.so, which
// nnlab_add_plugin(optimizer @NAME@ ...) gives it.
NNLAB_REGISTER_OPTIMIZER(@CLASS@, "@NAME@",
                         "gradient descent with weight decay: w -= alpha (g + lambda w)")
)skeleton";

constexpr std::string_view loss_source =
    R"skeleton(// @NAME@: a loss plugin for nnlab, made by `runner new loss @NAME@`.
// It starts as mean squared error; change value(), gradient() and the formula below into
// your loss. README.md says how to build, check and use it.
#include <string>

#include <nnlab/plugin.hpp>

namespace {

/// Mean squared error with the course's 1/2, over m samples (columns) and all outputs:
///   C = (1/(2m)) sum (a - y)^2
///   dl/da = a - y                  (per sample: the layers divide by m themselves)
/// a is the network's output and y the target, both outputs x m (0/1 for one output,
/// one-hot for several). gradient() must be the derivative of value() per sample:
/// `runner check-plugin @NAME@` compares it with finite differences.
class @CLASS@ final : public nnlab::Loss {
public:
  explicit @CLASS@(const nnlab::PluginConfig& /*config*/) {}

  // No parameters. Declare them as optimizers do, with the values allowed, e.g.
  //   return {nnlab::param::number("epsilon", 1e-12, "outputs are clipped to [eps, 1 - eps]")
  //               .above(0).below(0.5)};
  // and read them in the constructor with config.get<double>("epsilon").
  static nnlab::ParamList params() { return {}; }

  double value(const arma::mat& output, const arma::mat& target) const override {
    check_sizes(output, target);
    return 0.5 * arma::accu(arma::square(output - target)) / static_cast<double>(output.n_cols);
  }

  void gradient(const arma::mat& output, const arma::mat& target,
                arma::mat& d_output) const override {
    check_sizes(output, target);
    d_output = output - target; // reuses d_output's storage: it arrives sized like output
  }

private:
  // Armadillo's own error on mismatched sizes would not say which loss, nor which sizes.
  static void check_sizes(const arma::mat& output, const arma::mat& target) {
    if (arma::size(output) == arma::size(target)) return;
    const auto shape = [](const arma::mat& m) {
      return std::to_string(m.n_rows) + "x" + std::to_string(m.n_cols);
    };
    const std::string sizes = "output is " + shape(output) + ", target " + shape(target);
    throw nnlab::DataError("loss '@NAME@': " + sizes);
  }
};

} // namespace

// The name must match the library's file name, nnlab_loss_@NAME@.so, which
// nnlab_add_plugin(loss @NAME@ ...) gives it.
NNLAB_REGISTER_LOSS(@CLASS@, "@NAME@", "(1/(2m)) sum (a - y)^2")
)skeleton";

constexpr std::string_view dataset_source =
    R"skeleton(// @NAME@: a dataset plugin for nnlab, made by `runner new dataset @NAME@`.
// It starts as a generator of two Gaussian clouds; change load() (or read a file there)
// and the description below. README.md says how to build, check and use it.
#include <cstdint>

#include <nnlab/plugin.hpp>

namespace {

/// Two Gaussian clouds in the plane, class 0 around (-1, -1) and class 1 around (1, 1).
/// For each sample, drawn in this order from the generator seeded with `seed`:
///   c = 0 or 1, each with probability 1/2
///   x1 = (2c - 1) + spread N(0, 1),  x2 = (2c - 1) + spread N(0, 1),  y = c
/// The samples are i.i.d., so the first round(n_samples test_fraction) drawn are the test
/// set and the rest the training set. The same parameters always give the same data.
class @CLASS@ final : public nnlab::Dataset {
public:
  // The runner has checked the block against params() (keys, types, ranges) before this
  // runs; a check that relates two parameters goes here, with config.fail(key, expected).
  explicit @CLASS@(const nnlab::PluginConfig& config)
      : n_samples_(config.get<std::int64_t>("n_samples")), spread_(config.get<double>("spread")),
        seed_(config.get<std::int64_t>("seed")) {
    // Reads test_fraction and checks it leaves samples on both sides.
    n_test_ = nnlab::test_count(config, static_cast<arma::uword>(n_samples_));
  }

  // The keys of the YAML block: name, default, meaning, and the values allowed (the runner
  // refuses any other value; `runner list @NAME@` prints them).
  static nnlab::ParamList params() {
    using namespace nnlab::param;
    return {
        integer("n_samples", 200, "samples in train and test together")
            .at_least(2)
            .at_most(1'000'000),
        number("spread", 0.5, "standard deviation of each cloud").above(0),
        number("test_fraction", 0.25, "fraction of the samples held out as the test set")
            .above(0)
            .below(1),
        integer("seed", 0, "seed of the generator").at_least(0),
    };
  }

  // Samples are columns: X is features x m, y holds each sample's class 0..k-1.
  nnlab::DataSplit load() const override {
    const auto n = static_cast<arma::uword>(n_samples_);
    nnlab::Rng rng(static_cast<std::uint64_t>(seed_)); // nnlab's portable generator

    arma::mat X(2, n);
    arma::rowvec y(n);
    for (arma::uword i = 0; i < n; ++i) {
      const double c = rng.uniform() < 0.5 ? 0.0 : 1.0;
      X(0, i) = (2.0 * c - 1.0) + spread_ * rng.normal();
      X(1, i) = (2.0 * c - 1.0) + spread_ * rng.normal();
      y[i] = c;
    }

    const nnlab::DataSplit split = nnlab::split_first(X, y, n_test_, {"x1", "x2"}, {"0", "1"});
    nnlab::check_split(split, "@NAME@");
    return split;
  }

private:
  std::int64_t n_samples_;
  double spread_;
  std::int64_t seed_;
  arma::uword n_test_ = 0;
};

} // namespace

// The name must match the library's file name, nnlab_dataset_@NAME@.so, which
// nnlab_add_plugin(dataset @NAME@ ...) gives it.
NNLAB_REGISTER_DATASET(@CLASS@, "@NAME@", "two Gaussian clouds, one per class")
)skeleton";

constexpr std::string_view optimizer_experiment =
    R"skeleton(# A small network learns XOR (nnlab's own xor generator) with the optimizer @NAME@.
# From this folder, once built:
#   runner @NAME@.yaml --plugin-path build/plugins
name: @NAME@
seed: 1
dataset: {plugin: xor, n_samples: 400}
model: {layers: [4, 1], hidden_activation: tanh, output_activation: sigmoid, init: {kind: xavier_uniform}}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: @NAME@, learning_rate: 0.5, weight_decay: 0.0}
training: {iterations: 500}
)skeleton";

constexpr std::string_view loss_experiment =
    R"skeleton(# A small network learns XOR with the loss @NAME@. From this folder, once built:
#   runner @NAME@.yaml --plugin-path build/plugins
name: @NAME@
seed: 1
dataset: {plugin: xor, n_samples: 400}
model: {layers: [4, 1], hidden_activation: tanh, output_activation: sigmoid, init: {kind: xavier_uniform}}
loss: {plugin: @NAME@}
optimizer: {plugin: sgd, learning_rate: 1.0}
training: {iterations: 500}
)skeleton";

constexpr std::string_view dataset_experiment =
    R"skeleton(# A one-neuron network separates the data of @NAME@. From this folder, once built:
#   runner @NAME@.yaml --plugin-path build/plugins
name: @NAME@
seed: 1
dataset: {plugin: @NAME@, n_samples: 200, spread: 0.5, test_fraction: 0.25, seed: 7}
model: {layers: [1], output_activation: sigmoid, init: {kind: xavier_uniform}}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.5}
training: {iterations: 200}
)skeleton";

} // namespace

std::string_view skeleton_source(PluginKind kind) {
  switch (kind) {
  case PluginKind::optimizer: return optimizer_source;
  case PluginKind::loss: return loss_source;
  case PluginKind::dataset: return dataset_source;
  }
  return {};
}

std::string_view skeleton_experiment(PluginKind kind) {
  switch (kind) {
  case PluginKind::optimizer: return optimizer_experiment;
  case PluginKind::loss: return loss_experiment;
  case PluginKind::dataset: return dataset_experiment;
  }
  return {};
}

} // namespace nnlab::runner
