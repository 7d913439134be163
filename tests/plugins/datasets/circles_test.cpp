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
  return make_dataset("{plugin: circles" + params + "}")->load();
}

arma::mat all_X(const nnlab::DataSplit& split) {
  return arma::join_rows(split.train.X, split.test.X);
}

arma::rowvec all_y(const nnlab::DataSplit& split) {
  return arma::join_rows(split.train.y, split.test.y);
}

arma::rowvec radii(const arma::mat& X) {
  return arma::sqrt(arma::sum(arma::square(X), 0));
}

} // namespace

TEST_CASE("Circles: 400 train and 200 test samples by default", "[plugin][dataset][circles]") {
  nnlab::test::check_plane_split(load(), 400, 200);
}

TEST_CASE("Circles: the outer circle gets n_samples / 2 rounded down",
          "[plugin][dataset][circles]") {
  const arma::rowvec y = all_y(load(", n_samples: 601"));
  REQUIRE(y.n_elem == 601);
  REQUIRE(arma::accu(y == 0.0) == 300);
  REQUIRE(arma::accu(y == 1.0) == 301);
}

TEST_CASE("Circles: without noise the radii are exactly 1 and factor",
          "[plugin][dataset][circles]") {
  constexpr double pi = std::numbers::pi;
  const double factor = GENERATE(0.8, 0.3);
  constexpr int n = 25; // 12 outer, 13 inner
  const auto split =
      load(", n_samples: " + std::to_string(n) + ", factor: " + std::to_string(factor));
  const arma::mat X = all_X(split);
  const arma::rowvec y = all_y(split);
  const arma::rowvec r = radii(X);
  for (arma::uword i = 0; i < X.n_cols; ++i) {
    CAPTURE(factor, i, X(0, i), X(1, i), y[i]);
    REQUIRE_THAT(r[i], WithinAbs(y[i] == 0.0 ? 1.0 : factor, 1e-12));
    // The angles are 2 pi k / m, k < m (no endpoint), m = 12 outer and 13 inner.
    const int m = y[i] == 0.0 ? 12 : 13;
    const double grid = std::atan2(X(1, i), X(0, i)) * m / (2.0 * pi);
    REQUIRE_THAT(grid, WithinAbs(std::round(grid), 1e-9));
  }
  // Every angle appears once: 5 points above the x1 axis, 5 below, and (1, 0), (-1, 0).
  const arma::mat outer = X.cols(arma::find(y == 0.0));
  REQUIRE(arma::accu(outer.row(0) == 1.0) == 1);
  REQUIRE(arma::accu(outer.row(1) > 1e-9) == 5);
  REQUIRE(arma::accu(outer.row(1) < -1e-9) == 5);
}

TEST_CASE("Circles: noise spreads the radii by about its standard deviation",
          "[plugin][dataset][circles]") {
  const auto split = load(", noise: 0.05, factor: 0.5, n_samples: 4000");
  const arma::rowvec r = radii(all_X(split));
  const arma::rowvec y = all_y(split);
  const arma::rowvec outer = r.cols(arma::find(y == 0.0));
  const arma::rowvec inner = r.cols(arma::find(y == 1.0));
  // For a small noise sigma, |p + e| - radius is about the radial part of e, N(0, sigma^2).
  REQUIRE_THAT(arma::mean(outer), WithinAbs(1.0, 0.01));
  REQUIRE_THAT(arma::mean(inner), WithinAbs(0.5, 0.01));
  REQUIRE_THAT(arma::stddev(outer), WithinAbs(0.05, 0.005));
  REQUIRE_THAT(arma::stddev(inner), WithinAbs(0.05, 0.005));
}

TEST_CASE("Circles: the seed alone decides the samples", "[plugin][dataset][circles]") {
  const auto a = load(", noise: 0.1, seed: 3");
  const auto b = load(", noise: 0.1, seed: 3");
  const auto c = load(", noise: 0.1, seed: 4");
  REQUIRE(arma::approx_equal(all_X(a), all_X(b), "absdiff", 0.0));
  REQUIRE(arma::approx_equal(all_y(a), all_y(b), "absdiff", 0.0));
  REQUIRE_FALSE(arma::approx_equal(all_X(a), all_X(c), "absdiff", 0.0));
}

TEST_CASE("Circles: test_fraction sets the test size and shuffling mixes the classes",
          "[plugin][dataset][circles]") {
  const auto split = load(", n_samples: 100, test_fraction: 0.1");
  nnlab::test::check_plane_split(split, 90, 10);
  REQUIRE(arma::accu(split.test.y == 0.0) >= 1);
  REQUIRE(arma::accu(split.test.y == 1.0) >= 1);
}

TEST_CASE("Circles: without shuffle the order is kept and the test set spreads over both",
          "[plugin][dataset][circles]") {
  // n = 8, n_test = 2: positions 2 and 6, angle pi on the outer (0..3) and inner (4..7).
  const auto split = load(", n_samples: 8, test_fraction: 0.25, shuffle: false, factor: 0.5");
  nnlab::test::check_plane_split(split, 6, 2);
  REQUIRE(arma::approx_equal(split.test.y, arma::rowvec{0, 1}, "absdiff", 0.0));
  REQUIRE(split.test.X(0, 0) == -1.0);
  REQUIRE(split.test.X(0, 1) == -0.5);
  REQUIRE(arma::approx_equal(split.train.y, arma::rowvec{0, 0, 0, 1, 1, 1}, "absdiff", 0.0));
  REQUIRE(split.train.X(0, 0) == 1.0);
  REQUIRE(split.train.X(0, 3) == 0.5);
}

TEST_CASE("Circles: bad parameters are ConfigErrors at the key", "[plugin][dataset][circles]") {
  auto [params, error] = GENERATE(table<std::string, std::string>({
      {", n_samples: 1", "dataset.n_samples: expected an integer in [2, 10000000], got '1'"},
      {", noise: -1", "dataset.noise: expected a number >= 0, got '-1'"},
      {", factor: 0", "dataset.factor: expected a number in (0, 1), got '0'"},
      {", factor: 1", "dataset.factor: expected a number in (0, 1), got '1'"},
      {", factor: 1.5", "dataset.factor: expected a number in (0, 1), got '1.5'"},
      {", test_fraction: 0", "dataset.test_fraction: expected a number in (0, 1), got '0'"},
      {", seed: -2", "dataset.seed: expected an integer >= 0, got '-2'"},
  }));
  CAPTURE(params);
  REQUIRE_THROWS_AS(load(params), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(load(params), Contains(error));
}
