#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <string>

#include "nnlab/core/error.hpp"
#include "support/dataset_checks.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using nnlab::test::make_dataset;

namespace {

nnlab::DataSplit load(const std::string& params = "") {
  return make_dataset("{plugin: double_spiral" + params + "}")->load();
}

arma::mat all_X(const nnlab::DataSplit& split) {
  return arma::join_rows(split.train.X, split.test.X);
}

} // namespace

TEST_CASE("DoubleSpiral: 800 train and 200 test samples by default", "[dataset][double_spiral]") {
  nnlab::test::check_plane_split(load(), 800, 200);
}

TEST_CASE("DoubleSpiral: each arm has n_points_per_class samples", "[dataset][double_spiral]") {
  const auto split = load();
  const arma::rowvec y = arma::join_rows(split.train.y, split.test.y);
  REQUIRE(arma::accu(y == 0.0) == 500);
  REQUIRE(arma::accu(y == 1.0) == 500);
  // Shuffled: the test set holds both classes, not just the first arm.
  REQUIRE(arma::accu(split.test.y == 1.0) > 50);
}

TEST_CASE("DoubleSpiral: the seed alone decides the samples", "[dataset][double_spiral]") {
  const auto a = load(", seed: 7");
  const auto b = load(", seed: 7");
  const auto c = load(", seed: 8");
  REQUIRE(arma::approx_equal(all_X(a), all_X(b), "absdiff", 0.0));
  REQUIRE(arma::approx_equal(a.train.y, b.train.y, "absdiff", 0.0));
  REQUIRE_FALSE(arma::approx_equal(all_X(a), all_X(c), "absdiff", 0.0));
}

TEST_CASE("DoubleSpiral: without noise every point lies on its arm", "[dataset][double_spiral]") {
  constexpr double pi = std::numbers::pi;
  constexpr int n = 50;
  const auto split = load(", noise: 0, n_points_per_class: " + std::to_string(n));
  const arma::mat X = all_X(split);
  const arma::rowvec y = arma::join_rows(split.train.y, split.test.y);
  for (arma::uword i = 0; i < X.n_cols; ++i) {
    CAPTURE(i, X(0, i), X(1, i), y[i]);
    // r = theta, and theta is on the grid 0, 4 pi / (n - 1), ..., 4 pi.
    const double theta = std::hypot(X(0, i), X(1, i));
    const double grid = theta * (n - 1) / (4.0 * pi);
    REQUIRE_THAT(grid, WithinAbs(std::round(grid), 1e-9));
    if (theta < 1e-12) continue; // the centre has no angle
    // The angle is theta on arm 1 (class 0) and theta + pi on arm 2 (class 1), mod 2 pi.
    const double turn = std::remainder(std::atan2(X(1, i), X(0, i)) - theta - y[i] * pi, 2 * pi);
    REQUIRE_THAT(turn, WithinAbs(0.0, 1e-9));
  }
}

TEST_CASE("DoubleSpiral: bad parameters are ConfigErrors at the key", "[dataset][double_spiral]") {
  auto [params, error] = GENERATE(table<std::string, std::string>({
      {", n_points_per_class: 0", "dataset.n_points_per_class: expected an integer in [1, "},
      {", noise: -0.1", "dataset.noise: expected a number >= 0, got '-0.1'"},
      {", test_fraction: 0", "dataset.test_fraction: expected a number in (0, 1), got '0'"},
      {", test_fraction: 1", "dataset.test_fraction: expected a number in (0, 1), got '1'"},
      {", n_points_per_class: 1, test_fraction: 0.1",
       "dataset.test_fraction: expected a fraction that leaves at least one test"},
      {", seed: -1", "dataset.seed: expected an integer >= 0, got '-1'"},
  }));
  CAPTURE(params);
  REQUIRE_THROWS_AS(load(params), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(load(params), Contains(error));
}
