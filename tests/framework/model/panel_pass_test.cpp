#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "nnlab/core/rng.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/model/panel_pass.hpp"
#include "nnlab/train/metrics.hpp"
#include "support/plugins.hpp"
#include "support/reference_mlp.hpp"

using nnlab::Activation;
using K = Activation::Kind;

namespace {

// float32 passes against the double reference, relative in the max norm: float rounds at
// about 6e-8, but the gradient sums over up to 1000 samples cancel, and a loss gradient
// such as binary cross-entropy's (a - y) / (a (1 - a)) magnifies an output's rounding by
// 1 / (1 - a) near saturation. A wrong index or a missed term is off by far more.
constexpr double float32_tol = 1e-4;

struct Net {
  arma::uword n_in;
  std::vector<arma::uword> layers;
  K hidden, output;
  const char* loss;
  bool sample_major; // thin, without softmax: the sample-major panels
};

// Inputs in [-2, 2] and labels cycling through the classes (0/1 for one output).
struct Samples {
  arma::mat X, Y;
};
Samples samples(const nnlab::Mlp& mlp, arma::uword m, nnlab::Rng& rng) {
  Samples s{arma::mat(mlp.n_inputs(), m), {}};
  for (double& v : s.X)
    v = rng.uniform(-2.0, 2.0);
  const arma::uword k = mlp.n_outputs();
  arma::rowvec labels(m);
  for (arma::uword j = 0; j < m; ++j)
    labels[j] = static_cast<double>(j % (k == 1 ? 2 : k));
  s.Y = nnlab::make_targets(labels, k);
  return s;
}

} // namespace

TEST_CASE("PanelPass: outputs and gradient equal the plain whole-set pass, any panel width",
          "[model][panel_pass][kernels]") {
  // Thin layers (loops), wide ones (BLAS) and mixes; each output layer with its loss.
  const auto net = GENERATE(
      Net{2, {3, 2, 1}, K::tanh, K::sigmoid, "{plugin: binary_cross_entropy}", true},
      Net{2, {32, 32, 1}, K::tanh, K::sigmoid, "{plugin: binary_cross_entropy}", false},
      Net{2, {40, 12, 3}, K::relu, K::softmax, "{plugin: categorical_cross_entropy}", false},
      Net{2, {4, 3}, K::sigmoid, K::softmax, "{plugin: categorical_cross_entropy}", false},
      Net{8, {6, 1}, K::leaky_relu, K::identity, "{plugin: mean_squared_error}", true},
      Net{3, {1, 5, 2}, K::identity, K::tanh, "{plugin: mean_squared_error}", true},
      Net{9, {2, 1}, K::relu, K::sigmoid, "{plugin: binary_cross_entropy}", false});
  const arma::uword m = GENERATE(1, 7, 300, 1000);
  const arma::uword panel = GENERATE(1, 8, 64, 0); // 0: the architecture's own width
  // float32 passes against the same double reference: float rounding, about 1e-7 per
  // operation, spread through the layers and the sums over m samples.
  const auto precision = GENERATE(nnlab::Precision::float64, nnlab::Precision::float32);
  const double tol = precision == nnlab::Precision::float32 ? float32_tol : 1e-12;
  // softmax's backward a % (dA - a^T dA) cancels too for a confident output: in float, its
  // deltas (and so every dW) carry the rounding of terms far larger than they are.
  const double grad_tol =
      precision == nnlab::Precision::float32 && net.output == K::softmax ? 1e-3 : tol;
  CAPTURE(net.layers, Activation(net.hidden).name(), Activation(net.output).name(), m, panel,
          nnlab::to_string(precision));

  nnlab::Mlp mlp(
      {net.n_in, net.layers, Activation(net.hidden, 0.1), Activation(net.output), {}, precision});
  nnlab::Rng rng(33);
  nnlab::initialize(mlp, {nnlab::InitSpec::Kind::uniform, -1.0, 1.0}, rng);
  const Samples s = samples(mlp, m, rng);
  const auto loss = nnlab::test::make_loss(net.loss);

  nnlab::PanelPass pass(mlp, m + 5, panel);
  CHECK(pass.sample_major() == net.sample_major);
  CHECK(pass.precision() == precision);
  const arma::mat forward_only = pass.forward(mlp, s.X);
  const arma::mat& out = pass.forward_backward(mlp, s.X, s.Y, *loss);
  const arma::vec grads = mlp.grads();

  // The plain path: one pass over every column (Armadillo expressions, std::tanh, BLAS).
  const auto plain = nnlab::test::reference_pass(mlp, s.X);
  arma::mat dA_L(arma::size(plain.a.back()));
  loss->gradient(plain.a.back(), s.Y, dA_L);
  // A float32 pass's output gradient carries its outputs' rounding, which a loss gradient
  // such as a - y cancels down to (nearly) nothing for a confident output: its gradients
  // are held to the backward pass from that same output gradient (itself checked against
  // dA_L below), so the check measures the backward pass's own rounding.
  const bool single = precision == nnlab::Precision::float32;
  const auto reference =
      nnlab::test::reference_pass(mlp, s.X, single ? pass.output_gradient() : dA_L);

  REQUIRE(out.n_cols == m);
  CHECK(nnlab::test::norm_mismatch(out, reference.a.back(), tol) == "");
  CHECK(nnlab::test::norm_mismatch(forward_only, reference.a.back(), tol) == "");
  CHECK(nnlab::test::norm_mismatch(pass.output_gradient(), dA_L, tol) == "");
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l) {
    CAPTURE(l);
    CHECK(nnlab::test::norm_mismatch(mlp.layer(l).dW(), reference.dW[l], grad_tol) == "");
    CHECK(nnlab::test::norm_mismatch(mlp.layer(l).db(), reference.db[l], grad_tol) == "");
  }

  SECTION("a second pass over fewer samples gives that set's results, not a mix") {
    const arma::uword fewer = m / 2 + 1;
    const Samples t = samples(mlp, fewer, rng);
    const arma::mat& out2 = pass.forward_backward(mlp, t.X, t.Y, *loss);
    arma::mat dA2(mlp.n_outputs(), fewer);
    const auto plain2 = nnlab::test::reference_pass(mlp, t.X);
    loss->gradient(plain2.a.back(), t.Y, dA2);
    const auto reference2 =
        nnlab::test::reference_pass(mlp, t.X, single ? pass.output_gradient() : dA2);
    REQUIRE(out2.n_cols == fewer);
    CHECK(pass.output_gradient().n_cols == fewer);
    CHECK(nnlab::test::norm_mismatch(out2, reference2.a.back(), tol) == "");
    for (arma::uword l = 1; l <= mlp.n_layers(); ++l)
      CHECK(nnlab::test::norm_mismatch(mlp.layer(l).dW(), reference2.dW[l], grad_tol) == "");
  }
  SECTION("the same pass twice gives the same bits (the sums start from zero each time)") {
    pass.forward_backward(mlp, s.X, s.Y, *loss);
    CHECK(arma::approx_equal(mlp.grads(), grads, "absdiff", 0.0));
  }
}

TEST_CASE("PanelPass: a NaN input spreads through its own sample's output only",
          "[model][panel_pass]") {
  nnlab::Mlp mlp({2, {16, 1}, Activation(K::tanh), Activation(K::sigmoid)});
  nnlab::Rng rng(5);
  nnlab::initialize(mlp, {nnlab::InitSpec::Kind::uniform, -1.0, 1.0}, rng);
  Samples s = samples(mlp, 200, rng);
  s.X(1, 130) = std::numeric_limits<double>::quiet_NaN();
  nnlab::PanelPass pass(mlp, 200, 64);
  const arma::mat& out = pass.forward(mlp, s.X);
  CHECK(std::isnan(out(0, 130)));
  CHECK(out.cols(0, 129).is_finite());
  CHECK(out.cols(131, 199).is_finite());
}

TEST_CASE("PanelPass: the panel width follows the architecture only", "[model][panel_pass]") {
  const auto width = [](std::vector<arma::uword> layers) {
    return nnlab::PanelPass::panel_width(
        nnlab::Mlp({2, std::move(layers), Activation(K::tanh), Activation(K::sigmoid)}));
  };
  // The 4 nodes (z, a, dA, delta) of the widest layer, 8 bytes per unit and sample, within
  // 2 MiB; a multiple of 8 between 64 and 1024.
  CHECK(width({3, 2, 1}) == 1024);
  CHECK(width({32, 32, 1}) == 1024);
  CHECK(width({256, 256, 256, 1}) == 256);
  CHECK(width({1, 100}) == 648); // 2 MiB / 3200 bytes = 655.4
  CHECK(width({1000, 1}) == 64); // 65.5
  CHECK(width({4000, 1}) == 64); // 16.4, raised to the least
  // A set smaller than a panel is one panel of its size.
  const nnlab::Mlp small({2, {3, 1}, Activation(K::tanh), Activation(K::sigmoid)});
  CHECK(nnlab::PanelPass(small, 10).panel() == 10);
  CHECK(nnlab::PanelPass(small, 5000).panel() == 1024);
  CHECK(nnlab::PanelPass(small, 5000, 100).panel() == 100);
}

TEST_CASE("PanelPass: wrong shapes are refused, naming them", "[model][panel_pass]") {
  nnlab::Mlp mlp({2, {3, 1}, Activation(K::tanh), Activation(K::sigmoid)});
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  nnlab::PanelPass pass(mlp, 10);
  CHECK_THROWS_WITH(pass.forward(mlp, arma::mat(2, 11)),
                    "PanelPass: 11 samples, sized for at most 10");
  CHECK_THROWS_WITH(pass.forward(mlp, arma::mat(3, 4)),
                    "PanelPass: X has 3 rows, the network 2 inputs");
  CHECK_THROWS_WITH(pass.forward_backward(mlp, arma::mat(2, 4), arma::mat(1, 3), *loss),
                    "PanelPass: the targets are 1x3, expected 1x4");
}

TEST_CASE("PanelPass: float32 passes compute in single precision and keep double master weights",
          "[model][panel_pass][float32]") {
  nnlab::Architecture arch{2, {32, 32, 1}, Activation(K::tanh), Activation(K::sigmoid)};
  nnlab::Mlp wide(arch);
  arch.precision = nnlab::Precision::float32;
  nnlab::Mlp single(arch);
  nnlab::Rng rng(7);
  nnlab::initialize(wide, {nnlab::InitSpec::Kind::uniform, -1.0, 1.0}, rng);
  single.params() = wide.params();
  const Samples s = samples(wide, 500, rng);
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");

  nnlab::PanelPass pass64(wide, 500), pass32(single, 500);
  const arma::mat out64 = pass64.forward_backward(wide, s.X, s.Y, *loss);
  const arma::mat out32 = pass32.forward_backward(single, s.X, s.Y, *loss);
  // Single precision: not the double result, but within float rounding of it; every
  // output is a float converted to double.
  CHECK(arma::abs(out32 - out64).max() > 0.0);
  CHECK(nnlab::test::norm_mismatch(out32, out64, float32_tol) == "");
  for (const double v : out32)
    CHECK(static_cast<double>(static_cast<float>(v)) == v);
  CHECK(nnlab::test::norm_mismatch(single.grads(), wide.grads(), float32_tol) == "");
  // The parameters themselves are never rounded: they stay the optimizer's doubles.
  CHECK(arma::approx_equal(single.params(), wide.params(), "absdiff", 0.0));
  // The same pass again gives the same bits, and follows a change of the parameters.
  const arma::vec grads = single.grads();
  pass32.forward_backward(single, s.X, s.Y, *loss);
  CHECK(arma::approx_equal(single.grads(), grads, "absdiff", 0.0));
  single.params()[0] += 0.5;
  CHECK(arma::abs(pass32.forward(single, s.X) - out32).max() > 0.0);
}

TEST_CASE("PanelPass: a float32 network's panels hold as many float nodes as a float64's "
          "doubles, in bytes",
          "[model][panel_pass][float32]") {
  const auto width = [](std::vector<arma::uword> layers, nnlab::Precision precision) {
    return nnlab::PanelPass::panel_width(nnlab::Mlp(
        {2, std::move(layers), Activation(K::tanh), Activation(K::sigmoid), {}, precision}));
  };
  CHECK(width({256, 256, 256, 1}, nnlab::Precision::float32) == 512);
  CHECK(width({1000, 1}, nnlab::Precision::float32) == 128); // 131.1
  CHECK(width({3, 2, 1}, nnlab::Precision::float32) == 1024);
}
