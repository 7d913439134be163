#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "nnlab/core/scaler.hpp"

using Catch::Matchers::WithinAbs;

TEST_CASE("Scaler: fit is the z-score with 1/m, a constant feature keeps scale 1", "[scaler]") {
  // Row a: 1, 2, 3 (mean 2, std sqrt(2/3)); row b: 0.1 three times (scale exactly 1).
  const arma::mat X{{1.0, 2.0, 3.0}, {0.1, 0.1, 0.1}};
  const nnlab::Scaler scaler = nnlab::Scaler::fit(X);
  REQUIRE(scaler.mean.n_elem == 2);
  CHECK(scaler.mean[0] == 2.0);
  CHECK_THAT(scaler.scale[0], WithinAbs(std::sqrt(2.0 / 3.0), 1e-15));
  CHECK(scaler.scale[1] == 1.0);
  CHECK_FALSE(scaler.empty());
}

TEST_CASE("Scaler: apply is (x - mean) / scale per feature, and empty is the identity", "[scaler]") {
  nnlab::Scaler scaler;
  scaler.mean = {1.0, -2.0};
  scaler.scale = {2.0, 0.5};
  arma::mat X{{3.0, 1.0}, {-2.0, 0.0}};
  scaler.apply(X);
  CHECK(X(0, 0) == 1.0);
  CHECK(X(0, 1) == 0.0);
  CHECK(X(1, 0) == 0.0);
  CHECK(X(1, 1) == 4.0);
  arma::mat same = arma::colvec{3.0, 4.0};
  nnlab::Scaler().apply(same);
  CHECK(same(0, 0) == 3.0);
  CHECK(same(1, 0) == 4.0);
  arma::mat three(3, 1, arma::fill::ones);
  CHECK_THROWS_AS(scaler.apply(three), std::invalid_argument);
}
