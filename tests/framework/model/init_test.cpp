#include <catch2/catch.hpp>

#include "nnlab/model/init.hpp"

using nnlab::Activation;

TEST_CASE("Init: uniform fills W1..WL row by row, then b1..bL, within low and high",
          "[model][init]") {
  nnlab::Mlp mlp(nnlab::Architecture{
      2, {3, 2, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)});
  nnlab::Rng rng(7);
  nnlab::initialize(mlp, nnlab::InitSpec{nnlab::InitSpec::Kind::uniform, -0.5, 0.25}, rng);

  nnlab::Rng replay(7);
  const auto next = [&] { return replay.uniform(-0.5, 0.25); };
  for (arma::uword l = 1; l <= 3; ++l) {
    const arma::mat& W = mlp.layer(l).W();
    for (arma::uword r = 0; r < W.n_rows; ++r)
      for (arma::uword c = 0; c < W.n_cols; ++c) {
        CAPTURE(l, r, c);
        REQUIRE(W(r, c) == next());
      }
  }
  for (arma::uword l = 1; l <= 3; ++l)
    for (const double value : mlp.layer(l).b())
      REQUIRE(value == next());
  CHECK(mlp.params().min() >= -0.5);
  CHECK(mlp.params().max() < 0.25);
}
