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
  return make_dataset("{plugin: moons" + params + "}")->load();
}

arma::mat all_X(const nnlab::DataSplit& split) {
  return arma::join_rows(split.train.X, split.test.X);
}

arma::rowvec all_y(const nnlab::DataSplit& split) {
  return arma::join_rows(split.train.y, split.test.y);
}

/// Distance of each point from the centre of its moon's circle: (0, 0) for class 0,
/// (1, 0.5) for class 1.
arma::rowvec radii(const nnlab::DataSplit& split) {
  const arma::mat X = all_X(split);
  const arma::rowvec y = all_y(split);
  arma::rowvec r(X.n_cols);
  for (arma::uword i = 0; i < X.n_cols; ++i)
    r[i] = y[i] == 0.0 ? std::hypot(X(0, i), X(1, i)) : std::hypot(X(0, i) - 1.0, X(1, i) - 0.5);
  return r;
}

} // namespace

TEST_CASE("Moons: 400 train and 200 test samples by default", "[plugin][dataset][moons]") {
  nnlab::test::check_plane_split(load(), 400, 200);
}

TEST_CASE("Moons: the outer moon gets n_samples / 2 rounded down", "[plugin][dataset][moons]") {
  const arma::rowvec y = all_y(load(", n_samples: 601"));
  REQUIRE(y.n_elem == 601);
  REQUIRE(arma::accu(y == 0.0) == 300);
  REQUIRE(arma::accu(y == 1.0) == 301);
}

TEST_CASE("Moons: without noise the points lie on the two half circles",
          "[plugin][dataset][moons]") {
  constexpr double pi = std::numbers::pi;
  constexpr int n = 41; // 20 outer, 21 inner
  const auto split = load(", noise: 0, n_samples: " + std::to_string(n));
  const arma::mat X = all_X(split);
  const arma::rowvec y = all_y(split);
  for (arma::uword i = 0; i < X.n_cols; ++i) {
    CAPTURE(i, X(0, i), X(1, i), y[i]);
    // Outer: (cos t, sin t); inner: (1 - cos t, 0.5 - sin t); t on linspace(0, pi, m).
    const double c = y[i] == 0.0 ? X(0, i) : 1.0 - X(0, i);
    const double s = y[i] == 0.0 ? X(1, i) : 0.5 - X(1, i);
    REQUIRE_THAT(std::hypot(c, s), WithinAbs(1.0, 1e-12));
    REQUIRE(s >= -1e-12);
    const int m = y[i] == 0.0 ? 20 : 21;
    const double grid = std::atan2(s, c) * (m - 1) / pi;
    REQUIRE_THAT(grid, WithinAbs(std::round(grid), 1e-9));
  }
  // Both ends of both moons are there: t = 0 and t = pi.
  REQUIRE(arma::accu(X.row(0) == 1.0 && y == 0.0) == 1);
  REQUIRE(arma::accu(X.row(0) == -1.0 && y == 0.0) == 1);
  REQUIRE(arma::accu(X.row(0) == 0.0 && y == 1.0) == 1);
  REQUIRE(arma::accu(X.row(0) == 2.0 && y == 1.0) == 1);
}

TEST_CASE("Moons: noise moves points off the circles by about its standard deviation",
          "[plugin][dataset][moons]") {
  const arma::rowvec r = radii(load(", noise: 0.1, n_samples: 4000"));
  // For a small noise sigma, |p + e| - 1 is about the radial part of e, N(0, sigma^2).
  const double rms = std::sqrt(arma::mean(arma::square(r - 1.0)));
  REQUIRE_THAT(rms, WithinAbs(0.1, 0.01));
  REQUIRE(arma::accu(arma::abs(r - 1.0) > 0.2) > 20); // beyond 2 sigma: ~4.6%
  REQUIRE_THAT(arma::max(arma::abs(radii(load(", noise: 0, n_samples: 4000")) - 1.0)),
               WithinAbs(0.0, 1e-12));
}

TEST_CASE("Moons: the seed alone decides the samples", "[plugin][dataset][moons]") {
  const auto a = load(", noise: 0.2, seed: 7");
  const auto b = load(", noise: 0.2, seed: 7");
  const auto c = load(", noise: 0.2, seed: 8");
  REQUIRE(arma::approx_equal(all_X(a), all_X(b), "absdiff", 0.0));
  REQUIRE(arma::approx_equal(all_y(a), all_y(b), "absdiff", 0.0));
  REQUIRE_FALSE(arma::approx_equal(all_X(a), all_X(c), "absdiff", 0.0));
  // Without noise the seed only decides the order.
  const auto d = load(", seed: 8");
  REQUIRE_FALSE(arma::approx_equal(all_y(load()), all_y(d), "absdiff", 0.0));
}

TEST_CASE("Moons: test_fraction sets the test size and shuffling mixes the classes",
          "[plugin][dataset][moons]") {
  const auto split = load(", n_samples: 100, test_fraction: 0.25");
  nnlab::test::check_plane_split(split, 75, 25);
  REQUIRE(arma::accu(all_y(split) == 1.0) == 50);
  REQUIRE(arma::accu(split.test.y == 0.0) > 5);
  REQUIRE(arma::accu(split.test.y == 1.0) > 5);
}

TEST_CASE("Moons: without shuffle the order is kept and the test set spreads over both moons",
          "[plugin][dataset][moons]") {
  // n = 10, n_test = 2: the test samples are at positions 2 and 7, the middle (t = pi / 2) of
  // the outer moon (0..4) and of the inner moon (5..9).
  const auto split = load(", n_samples: 10, test_fraction: 0.2, shuffle: false");
  nnlab::test::check_plane_split(split, 8, 2);
  REQUIRE(arma::approx_equal(split.test.y, arma::rowvec{0, 1}, "absdiff", 0.0));
  REQUIRE_THAT(split.test.X(0, 0), WithinAbs(0.0, 1e-12));
  REQUIRE_THAT(split.test.X(1, 0), WithinAbs(1.0, 1e-12));
  REQUIRE_THAT(split.test.X(0, 1), WithinAbs(1.0, 1e-12));
  REQUIRE_THAT(split.test.X(1, 1), WithinAbs(-0.5, 1e-12));
  REQUIRE(arma::approx_equal(split.train.y, arma::rowvec{0, 0, 0, 0, 1, 1, 1, 1}, "absdiff", 0.0));
  // Outer moon from t = 0 to pi: x1 = cos t falls; inner moon: x1 = 1 - cos t rises.
  REQUIRE(split.train.X(0, 0) == 1.0);
  REQUIRE(split.train.X(0, 3) == -1.0);
  REQUIRE(split.train.X(0, 4) == 0.0);
  REQUIRE(split.train.X(0, 7) == 2.0);
  // Without noise or shuffle the seed plays no part (as in sklearn).
  const auto other = load(", n_samples: 10, test_fraction: 0.2, shuffle: false, seed: 1");
  REQUIRE(arma::approx_equal(all_X(split), all_X(other), "absdiff", 0.0));
}

TEST_CASE("Moons: bad parameters are ConfigErrors at the key", "[plugin][dataset][moons]") {
  auto [params, error] = GENERATE(table<std::string, std::string>({
      {", n_samples: 1", "dataset.n_samples: expected an integer in [2, 10000000], got '1'"},
      {", noise: -0.1", "dataset.noise: expected a number >= 0, got '-0.1'"},
      {", shuffle: 3", "dataset.shuffle: expected true or false"},
      {", test_fraction: 1", "dataset.test_fraction: expected a number in (0, 1), got '1'"},
      {", n_samples: 4, test_fraction: 0.1",
       "dataset.test_fraction: expected a fraction that leaves at least one test"},
      {", seed: -1", "dataset.seed: expected an integer >= 0, got '-1'"},
  }));
  CAPTURE(params);
  REQUIRE_THROWS_AS(load(params), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(load(params), Contains(error));
}
