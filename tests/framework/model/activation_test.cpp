#include <catch2/catch.hpp>

#include "nnlab/check/finite_difference.hpp"
#include "nnlab/model/activation.hpp"

using Catch::Matchers::WithinAbs;
using nnlab::Activation;

TEST_CASE("Activation: forward values", "[model][activation]") {
  const arma::mat z{{-1.0, 0.0, 2.0}, {0.5, 3.0, -4.0}};
  arma::mat a(arma::size(z));
  SECTION("tanh and sigmoid act elementwise") {
    Activation(Activation::Kind::tanh).forward(z, a);
    CHECK_THAT(a(0, 2), WithinAbs(std::tanh(2.0), 1e-15));
    Activation(Activation::Kind::sigmoid).forward(z, a);
    CHECK_THAT(a(0, 0), WithinAbs(1 / (1 + std::exp(1.0)), 1e-15));
    CHECK_THAT(a(1, 1), WithinAbs(1 / (1 + std::exp(-3.0)), 1e-15));
  }
  SECTION("relu, leaky_relu and identity") {
    Activation(Activation::Kind::relu).forward(z, a);
    CHECK(arma::approx_equal(a, arma::mat{{0.0, 0.0, 2.0}, {0.5, 3.0, 0.0}}, "absdiff", 0.0));
    Activation(Activation::Kind::leaky_relu, 0.1).forward(z, a);
    CHECK(arma::approx_equal(a, arma::mat{{-0.1, 0.0, 2.0}, {0.5, 3.0, -0.4}}, "absdiff", 1e-15));
    Activation(Activation::Kind::leaky_relu).forward(z, a);
    CHECK(a(0, 0) == -0.01); // the default slope
    Activation(Activation::Kind::identity).forward(z, a);
    CHECK(arma::approx_equal(a, z, "absdiff", 0.0));
  }
  SECTION("softmax makes each column a distribution, even for huge z") {
    Activation(Activation::Kind::softmax).forward(z * 400.0, a);
    for (arma::uword j = 0; j < a.n_cols; ++j) {
      CAPTURE(j);
      CHECK(a.col(j).is_finite());
      CHECK_THAT(arma::accu(a.col(j)), WithinAbs(1.0, 1e-15));
    }
    Activation(Activation::Kind::softmax).forward(z, a);
    CHECK_THAT(a(1, 0), WithinAbs(std::exp(0.5) / (std::exp(-1.0) + std::exp(0.5)), 1e-15));
  }
}

TEST_CASE("Activation: backward equals the finite-difference derivative", "[model][activation]") {
  const auto kind =
      GENERATE(Activation::Kind::tanh, Activation::Kind::sigmoid, Activation::Kind::relu,
               Activation::Kind::leaky_relu, Activation::Kind::identity, Activation::Kind::softmax);
  const Activation f(kind, 0.2);
  CAPTURE(f.describe());
  const arma::mat z{{-1.0, 0.3, 2.0}, {0.5, 1.0, -0.7}, {0.2, -2.0, 0.1}};
  const arma::mat dA{{0.3, -1.0, 0.5}, {2.0, 0.1, -0.4}, {-0.6, 0.7, 1.1}};
  // C(z) = sum(dA % f(z)) has dC/dz = delta, so backward can be checked against it.
  const auto cost = [&](const arma::vec& flat) {
    arma::mat a(arma::size(z));
    f.forward(arma::reshape(flat, z.n_rows, z.n_cols), a);
    return arma::accu(dA % a);
  };
  arma::mat a(arma::size(z)), delta(arma::size(z));
  f.forward(z, a);
  f.backward(a, dA, delta);
  const arma::vec numeric = nnlab::numeric_gradient(cost, arma::vectorise(z));
  CHECK(nnlab::relative_error(arma::vectorise(delta), numeric) < 1e-8);
}

TEST_CASE("Activation: names, and softmax only on the output", "[model][activation]") {
  CHECK(Activation::from_name("tanh")->kind() == Activation::Kind::tanh);
  CHECK_FALSE(Activation::from_name("relux").has_value());
  CHECK(Activation(Activation::Kind::softmax).output_only());
  CHECK_FALSE(Activation(Activation::Kind::sigmoid).output_only());
  CHECK_FALSE(Activation(Activation::Kind::relu).output_only());
  CHECK(Activation::names() ==
        std::vector<std::string>{"tanh", "sigmoid", "relu", "leaky_relu", "identity", "softmax"});
  CHECK(Activation(Activation::Kind::leaky_relu, 0.2).describe() == "leaky_relu(slope=0.2)");
  CHECK(Activation(Activation::Kind::relu).describe() == "relu");
}
