#include <catch2/catch.hpp>

#include "model/sample_major_products.hpp"
#include "nnlab/core/rng.hpp"
#include "support/random_matrix.hpp"
#include "support/reference_mlp.hpp"

using nnlab::test::mismatch;
using nnlab::test::random_matrix;

// The references are the same products as BLAS computes them on the transposed nodes; a
// sum's rounding is relative to the size of its terms, so the scale is the product of the
// magnitudes.
TEST_CASE("SampleMajorProducts: equal the BLAS products to 1e-12 of their terms",
          "[model][kernels][sample_major]") {
  const arma::uword n_out = GENERATE(1, 2, 3, 5, 8);
  const arma::uword n_in = GENERATE(1, 2, 3, 4, 8);
  const arma::uword m = GENERATE(1, 7, 8, 9, 1000); // around the 8 samples summed side by side
  CAPTURE(n_out, n_in, m);
  const arma::mat W = random_matrix(n_out, n_in, 1);
  const arma::vec b = random_matrix(n_out, 1, 2);
  const arma::mat At = random_matrix(m, n_in, 3);  // a_prev^T
  const arma::mat Dt = random_matrix(m, n_out, 4); // delta^T
  const arma::mat ones = arma::ones(m, 1);

  arma::mat Zt(m, n_out);
  nnlab::kernels::sample_major_affine(W, b, At, Zt);
  CHECK(mismatch(Zt, At * W.t() + ones * b.t(),
                 arma::abs(At) * arma::abs(W).t() + ones * arma::abs(b).t()) == "");

  // Added onto what dW and db hold, as a panel adds its share.
  const arma::mat dW0 = random_matrix(n_out, n_in, 5);
  const arma::vec db0 = random_matrix(n_out, 1, 6);
  arma::mat dW = dW0;
  arma::vec db = db0;
  nnlab::kernels::sample_major_gradient_add(Dt, At, dW, db);
  CHECK(mismatch(dW, dW0 + Dt.t() * At, arma::abs(dW0) + arma::abs(Dt).t() * arma::abs(At)) == "");
  CHECK(mismatch(db, db0 + Dt.t() * ones, arma::abs(db0) + arma::abs(Dt).t() * ones) == "");

  arma::mat dAt(m, n_in);
  nnlab::kernels::sample_major_input_gradient(W, Dt, dAt);
  CHECK(mismatch(dAt, Dt * W, arma::abs(Dt) * arma::abs(W)) == "");
}

TEST_CASE("SampleMajorProducts: a wide layer or a wrong shape is refused, naming them",
          "[model][kernels][sample_major]") {
  const arma::mat W(3, 2, arma::fill::ones), wide(9, 2, arma::fill::ones);
  const arma::vec b(3, arma::fill::ones);
  arma::mat Zt(5, 3), dW(3, 2);
  arma::vec db(3);
  CHECK_THROWS_WITH(nnlab::kernels::sample_major_affine(W, b, arma::mat(5, 3), Zt),
                    "sample-major products: At_prev is 5x3, expected 5x2 of a layer with at "
                    "most 8 inputs and units");
  CHECK_THROWS_WITH(nnlab::kernels::sample_major_affine(wide, arma::vec(9), arma::mat(5, 2), Zt),
                    Catch::Contains("At_prev is 5x2, expected 5x2"));
  CHECK_THROWS_WITH(
      nnlab::kernels::sample_major_gradient_add(arma::mat(5, 3), arma::mat(4, 2), dW, db),
      Catch::Contains("At_prev is 4x2, expected 5x2"));
  CHECK_THROWS_WITH(nnlab::kernels::sample_major_input_gradient(W, arma::mat(5, 2), Zt),
                    Catch::Contains("Dt is 5x2, expected 5x3"));
}
