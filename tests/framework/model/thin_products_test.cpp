#include <catch2/catch.hpp>

#include <limits>

#include "model/thin_products.hpp"
#include "nnlab/core/rng.hpp"
#include "support/random_matrix.hpp"
#include "support/reference_mlp.hpp"

using nnlab::test::mismatch;
using nnlab::test::random_matrix;

// The references are the BLAS products the layer uses for wide layers; a sum's rounding
// is relative to the size of its terms, so the scale is the product of the magnitudes.
TEST_CASE("ThinProducts: equal the BLAS products to 1e-12 of their terms",
          "[model][kernels][thin]") {
  const arma::uword n_out = GENERATE(1, 2, 3, 4, 7, 32);
  const arma::uword n_in = GENERATE(1, 2, 3, 4, 5, 8);
  const arma::uword m = GENERATE(1, 3, 4, 5, 1000);
  CAPTURE(n_out, n_in, m);
  const arma::mat W = random_matrix(n_out, n_in, 1);
  const arma::vec b = random_matrix(n_out, 1, 2);
  const arma::mat X = random_matrix(n_in, m, 3);
  const arma::mat delta = random_matrix(n_out, m, 4);

  arma::mat z(n_out, m);
  nnlab::kernels::thin_affine(W, b, X, z);
  const arma::mat ones = arma::ones(1, m);
  CHECK(mismatch(z, W * X + b * ones, arma::abs(W) * arma::abs(X) + arma::abs(b) * ones) == "");

  // The weight gradient adds onto what dW holds (a panel's share of the sum).
  const arma::mat dW0 = random_matrix(n_out, n_in, 11);
  arma::mat dW = dW0;
  nnlab::kernels::thin_weight_gradient_add(delta, X, dW);
  CHECK(mismatch(dW, dW0 + delta * X.t(), arma::abs(dW0) + arma::abs(delta) * arma::abs(X).t()) ==
        "");

  if (n_out <= nnlab::kernels::thin_limit) {
    arma::mat dA(n_in, m);
    nnlab::kernels::thin_input_gradient(W, delta, dA);
    CHECK(mismatch(dA, W.t() * delta, arma::abs(W).t() * arma::abs(delta)) == "");
  }
}

TEST_CASE("ThinProducts: the gradient passed down through a single wide row",
          "[model][kernels][thin]") {
  // W^T of a 1 x n_in output layer is one long column: the vectorised column path.
  const arma::uword n_in = GENERATE(4, 40);
  const arma::uword n_out = GENERATE(1, 3);
  CAPTURE(n_in, n_out);
  const arma::mat W = random_matrix(n_out, n_in, 5);
  const arma::mat delta = random_matrix(n_out, 77, 6);
  arma::mat dA(n_in, 77);
  nnlab::kernels::thin_input_gradient(W, delta, dA);
  CHECK(mismatch(dA, W.t() * delta, arma::abs(W).t() * arma::abs(delta)) == "");
}

TEST_CASE("ThinProducts: NaN and Inf spread as through the BLAS products",
          "[model][kernels][thin]") {
  const double inf = std::numeric_limits<double>::infinity();
  const arma::uword n_out = GENERATE(2, 5);
  CAPTURE(n_out);
  const arma::mat W = random_matrix(n_out, 3, 7);
  const arma::vec b = random_matrix(n_out, 1, 8);
  arma::mat X = random_matrix(3, 11, 9);
  X(0, 2) = std::numeric_limits<double>::quiet_NaN();
  X(1, 5) = inf;
  X(2, 9) = -inf;
  arma::mat delta = random_matrix(n_out, 11, 10);
  delta(0, 6) = inf;

  const arma::mat ones = arma::ones(1, 11);
  arma::mat z(n_out, 11);
  nnlab::kernels::thin_affine(W, b, X, z);
  CHECK(mismatch(z, W * X + b * ones, arma::abs(W) * arma::abs(X) + arma::abs(b) * ones) == "");
  arma::mat dW(n_out, 3, arma::fill::zeros);
  nnlab::kernels::thin_weight_gradient_add(delta, X, dW);
  CHECK(mismatch(dW, delta * X.t(), arma::abs(delta) * arma::abs(X).t()) == "");
  arma::mat dA(3, 11);
  nnlab::kernels::thin_input_gradient(W, delta, dA);
  CHECK(mismatch(dA, W.t() * delta, arma::abs(W).t() * arma::abs(delta)) == "");
}
