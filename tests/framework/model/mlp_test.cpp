#include <catch2/catch.hpp>

#include <limits>
#include <type_traits>

#include "nnlab/check/finite_difference.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/model/panel_pass.hpp"
#include "nnlab/train/metrics.hpp"
#include "support/plugins.hpp"
#include "support/reference_mlp.hpp"

using Catch::Matchers::WithinAbs;
using nnlab::Activation;

namespace {
nnlab::Architecture course_net() {
  return {2, {3, 2, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)};
}
} // namespace

TEST_CASE("Mlp: the course's 2-3-2-1 net has its shapes and one flat parameter vector",
          "[model][mlp]") {
  nnlab::Mlp mlp(course_net());
  CHECK(mlp.n_params() == 3 * 2 + 3 + 2 * 3 + 2 + 1 * 2 + 1);
  CHECK(mlp.layer(1).W().n_rows == 3);
  CHECK(mlp.layer(1).W().n_cols == 2);
  CHECK(mlp.layer(3).b().n_elem == 1);
  // W and b are views: writing the flat vector changes them, and back.
  mlp.params()[0] = 4.0;
  CHECK(mlp.layer(1).W()(0, 0) == 4.0);
  mlp.layer(2).b()[1] = -3.0;
  CHECK(mlp.params()[3 * 2 + 3 + 2 * 3 + 1] == -3.0);
}

TEST_CASE("Mlp: forward keeps every node, as the course does", "[model][mlp]") {
  nnlab::Mlp mlp(course_net());
  mlp.params() = arma::linspace(-1.0, 1.0, mlp.n_params());
  const arma::mat X{{0.5, -1.0, 2.0, 0.0}, {1.5, 0.25, -2.0, 1.0}};
  nnlab::Nodes nodes = mlp.make_nodes(X.n_cols);
  const arma::mat& out = mlp.forward(X, nodes);
  const nnlab::DenseLayer& L1 = mlp.layer(1);
  const arma::mat z1 = L1.W() * X + arma::repmat(L1.b(), 1, X.n_cols);
  CHECK(arma::approx_equal(nodes.z[1], z1, "absdiff", 1e-15));
  CHECK(arma::approx_equal(nodes.a[1], arma::tanh(z1), "absdiff", 1e-15));
  CHECK(nodes.a[2].n_rows == 2);
  CHECK(&out == &nodes.a[3]);
  CHECK(out.n_rows == 1);
  CHECK(out.n_cols == 4);
}

TEST_CASE("Mlp: backprop through the panel pass equals central finite differences",
          "[model][mlp][gradient]") {
  struct Case {
    std::vector<arma::uword> layers;
    const char* output;
    const char* loss;
  };
  const auto c = GENERATE(Case{{3, 2, 1}, "sigmoid", "{plugin: binary_cross_entropy}"},
                          Case{{3, 3, 2, 1}, "sigmoid", "{plugin: binary_cross_entropy}"},
                          Case{{5, 1}, "sigmoid", "{plugin: binary_cross_entropy}"},
                          Case{{4, 3}, "softmax", "{plugin: categorical_cross_entropy}"},
                          Case{{3, 4, 2, 3}, "softmax", "{plugin: categorical_cross_entropy}"});
  const auto hidden =
      GENERATE(Activation::Kind::tanh, Activation::Kind::sigmoid, Activation::Kind::relu,
               Activation::Kind::leaky_relu, Activation::Kind::identity);
  // A float32 network's cost is a float computation: its differences need a wider step
  // (rounding of about 1e-7 over 2h) and a float32 tolerance.
  const auto precision = GENERATE(nnlab::Precision::float64, nnlab::Precision::float32);
  const bool single = precision == nnlab::Precision::float32;
  const double h = single ? 3e-3 : 1e-6, tol = single ? 2e-3 : 1e-6;
  CAPTURE(c.layers, c.output, Activation(hidden).name(), nnlab::to_string(precision));

  const arma::uword n_in = 2, m = 7, k = c.layers.back();
  nnlab::Mlp mlp(
      {n_in, c.layers, Activation(hidden), *Activation::from_name(c.output), {}, precision});
  nnlab::Rng rng(11);
  nnlab::initialize(mlp, {nnlab::InitSpec::Kind::uniform, -1.0, 1.0}, rng);
  arma::mat X(n_in, m);
  arma::rowvec labels(m);
  for (arma::uword j = 0; j < m; ++j) {
    X(0, j) = rng.uniform(-2, 2), X(1, j) = rng.uniform(-2, 2);
    labels[j] = static_cast<double>(j % (k == 1 ? 2 : k));
  }
  const arma::mat Y = nnlab::make_targets(labels, k);
  const auto loss = nnlab::test::make_loss(c.loss);

  // Panels of 3 columns: the gradient is summed over panels of 3, 3 and 1 samples.
  nnlab::PanelPass pass(mlp, m, 3);
  const auto cost = [&](const arma::vec& params) {
    mlp.params() = params;
    return loss->value(pass.forward(mlp, X), Y);
  };
  const arma::vec theta = mlp.params();
  const arma::vec numeric = nnlab::numeric_gradient(cost, theta, h);
  mlp.params() = theta;
  pass.forward_backward(mlp, X, Y, *loss);
  CHECK(nnlab::relative_error(mlp.grads(), numeric) < tol);
}

TEST_CASE("Mlp: weights round-trip through named_weights and load_weights", "[model][mlp]") {
  nnlab::Mlp a(course_net()), b(course_net());
  a.params() = arma::linspace(0.0, 1.0, a.n_params());
  const auto weights = a.named_weights();
  REQUIRE(weights.size() == 6);
  CHECK(weights[0].first == "W1");
  CHECK(weights[3].first == "b1");
  CHECK(weights[3].second.n_cols == 1);
  b.load_weights(weights);
  CHECK(arma::approx_equal(a.params(), b.params(), "absdiff", 0.0));
  auto wrong = weights;
  wrong[0].second = arma::mat(2, 3);
  CHECK_THROWS_AS(b.load_weights(wrong), std::invalid_argument);
}

TEST_CASE("Mlp: a bad architecture is refused", "[model][mlp]") {
  const Activation tanh(Activation::Kind::tanh), softmax(Activation::Kind::softmax);
  CHECK_THROWS_AS(nnlab::Mlp({2, {}, tanh, tanh}), std::invalid_argument);
  CHECK_THROWS_AS(nnlab::Mlp({2, {3, 0, 1}, tanh, tanh}), std::invalid_argument);
  CHECK_THROWS_AS(nnlab::Mlp({0, {3}, tanh, tanh}), std::invalid_argument);
  CHECK_THROWS_AS(nnlab::Mlp({2, {3, 2}, softmax, softmax}), std::invalid_argument);
}

namespace {

// Every node and gradient of a pass through the network in precision T (forward, then
// backward_add over all columns as one panel, scaled by 1/m as PanelPass does) against the
// plain pass in double (support/reference_mlp.hpp) of the same parameters; empty when all
// agree to 1e-12 in the max norm (to 2e-5 for float).
template <class T>
std::string compare_with_reference(nnlab::Mlp& mlp, const arma::mat& X, const arma::mat& dA_L) {
  const double tol = std::is_same_v<T, float> ? 2e-5 : 1e-12;
  const auto to = [](const auto& x) { return arma::conv_to<arma::Mat<T>>::from(x); };
  const auto back = [](const auto& x) { return arma::conv_to<arma::mat>::from(x); };
  nnlab::BasicMlp<T> net(mlp.architecture());
  net.params() = arma::conv_to<arma::Col<T>>::from(mlp.params());
  const arma::Mat<T> Xt = to(X);
  nnlab::BasicNodes<T> nodes = net.make_nodes(X.n_cols);
  net.forward(Xt, nodes);
  nodes.dA.back() = to(dA_L);
  net.zero_grads();
  net.backward_add(Xt, nodes);
  net.scale_grads(T(1) / static_cast<T>(X.n_cols));
  // The reference from the same (rounded) parameters and inputs.
  mlp.params() = back(net.params());
  const auto reference = nnlab::test::reference_pass(mlp, back(Xt), back(nodes.dA.back()));
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l) {
    const std::string layer = "layer " + std::to_string(l) + ": ";
    const std::pair<const char*, std::string> checks[] = {
        {"z", nnlab::test::norm_mismatch(back(nodes.z[l]), reference.z[l], tol)},
        {"a", nnlab::test::norm_mismatch(back(nodes.a[l]), reference.a[l], tol)},
        {"delta", nnlab::test::norm_mismatch(back(nodes.delta[l]), reference.delta[l], tol)},
        {"dA", nnlab::test::norm_mismatch(back(nodes.dA[l]), reference.dA[l], tol)},
        {"dW", nnlab::test::norm_mismatch(back(net.layer(l).dW()), reference.dW[l], tol)},
        {"db", nnlab::test::norm_mismatch(back(net.layer(l).db()), reference.db[l], tol)}};
    for (const auto& [name, problem] : checks)
      if (!problem.empty()) return layer + name + ": " + problem;
  }
  return {};
}

} // namespace

TEMPLATE_TEST_CASE("Mlp: the optimised passes equal the plain forward and backward",
                   "[model][mlp][kernels][float32]", double, float) {
  // Thin layers (loops), wide ones (BLAS) and mixes, over every activation.
  struct Case {
    arma::uword n_in;
    std::vector<arma::uword> layers;
    Activation::Kind hidden, output;
  };
  using K = Activation::Kind;
  const auto c = GENERATE(
      Case{2, {3, 2, 1}, K::tanh, K::sigmoid}, Case{2, {32, 32, 1}, K::tanh, K::sigmoid},
      Case{2, {9, 12, 3}, K::relu, K::softmax}, Case{10, {6, 1}, K::leaky_relu, K::identity},
      Case{3, {1, 5, 2}, K::identity, K::tanh}, Case{12, {20, 4}, K::sigmoid, K::relu});
  const arma::uword m = GENERATE(1, 5, 300);
  CAPTURE(c.n_in, c.layers, Activation(c.hidden).name(), Activation(c.output).name(), m);
  nnlab::Mlp mlp({c.n_in, c.layers, Activation(c.hidden, 0.1), Activation(c.output)});
  nnlab::Rng rng(21);
  nnlab::initialize(mlp, {nnlab::InitSpec::Kind::uniform, -1.0, 1.0}, rng);
  arma::mat X(c.n_in, m), dA_L(c.layers.back(), m);
  for (double& v : X)
    v = rng.uniform(-2.0, 2.0);
  for (double& v : dA_L)
    v = rng.uniform(-1.0, 1.0);
  CHECK(compare_with_reference<TestType>(mlp, X, dA_L) == "");

  SECTION("a NaN or Inf input spreads through its sample's column only, as in the plain pass") {
    if (m < 5) return;
    X(0, 1) = std::numeric_limits<double>::quiet_NaN();
    X(X.n_rows - 1, 3) = std::numeric_limits<double>::infinity();
    CHECK(compare_with_reference<TestType>(mlp, X, dA_L) == "");
  }
}
