#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/check/finite_difference.hpp"

using Catch::Matchers::WithinAbs;

TEST_CASE("FiniteDifference: central differences of a known function", "[check][gradient]") {
  const auto f = [](const arma::vec& x) { return x[0] * x[0] * x[1]; };
  const arma::vec g = nnlab::numeric_gradient(f, {3.0, 2.0});
  CHECK_THAT(g[0], WithinAbs(12.0, 1e-8));
  CHECK_THAT(g[1], WithinAbs(9.0, 1e-8));
}

TEST_CASE("FiniteDifference: relative error", "[check][gradient]") {
  CHECK(nnlab::relative_error({1.0, 2.0}, {1.0, 2.0}) == 0.0);
  CHECK(nnlab::relative_error({0.0, 0.0}, {0.0, 0.0}) == 0.0);
  CHECK_THAT(nnlab::relative_error({1.0, 0.0}, {3.0, 0.0}), WithinAbs(0.5, 1e-15));
  // Opposite vectors (a gradient of the wrong sign) are as far apart as can be.
  CHECK(std::isinf(nnlab::relative_error({1.0, -2.0}, {-1.0, 2.0})));
}
