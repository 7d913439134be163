#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "nnlab/core/error.hpp"
#include "support/dataset_checks.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using nnlab::test::make_dataset;

namespace {

nnlab::DataSplit load(const std::string& params = "") {
  return make_dataset("{plugin: xor" + params + "}")->load();
}

} // namespace

TEST_CASE("XorDataset: 1000 train and 500 test samples by default", "[dataset][xor]") {
  nnlab::test::check_plane_split(load(), 1000, 500);
}

TEST_CASE("XorDataset: labels follow the sign rule and points stay off the axes",
          "[dataset][xor]") {
  const double extent = 3.0, margin = 1.0;
  const auto split = load(", extent: 3, margin: 1, seed: 5");
  for (const nnlab::Samples* samples : {&split.train, &split.test}) {
    for (arma::uword i = 0; i < samples->X.n_cols; ++i) {
      const double x1 = samples->X(0, i), x2 = samples->X(1, i);
      CAPTURE(i, x1, x2, samples->y[i]);
      REQUIRE(samples->y[i] == (x1 * x2 < 0.0 ? 1.0 : 0.0));
      REQUIRE((std::abs(x1) >= margin && std::abs(x1) < extent));
      REQUIRE((std::abs(x2) >= margin && std::abs(x2) < extent));
    }
  }
  // Both classes and all four quadrants are well represented.
  const arma::mat& X = split.train.X;
  REQUIRE(arma::accu(split.train.y == 1.0) > 400);
  REQUIRE(arma::accu(split.train.y == 0.0) > 400);
  REQUIRE(arma::accu(X.row(0) > 0.0 && X.row(1) > 0.0) > 200);
  REQUIRE(arma::accu(X.row(0) < 0.0 && X.row(1) < 0.0) > 200);
}

TEST_CASE("XorDataset: the seed alone decides the samples", "[dataset][xor]") {
  const auto a = load(", seed: 11");
  const auto b = load(", seed: 11");
  const auto c = load(", seed: 12");
  REQUIRE(arma::approx_equal(a.train.X, b.train.X, "absdiff", 0.0));
  REQUIRE(arma::approx_equal(a.test.X, b.test.X, "absdiff", 0.0));
  REQUIRE(arma::approx_equal(a.test.y, b.test.y, "absdiff", 0.0));
  REQUIRE_FALSE(arma::approx_equal(a.train.X, c.train.X, "absdiff", 0.0));
}

TEST_CASE("XorDataset: the test set is the first samples drawn", "[dataset][xor]") {
  // With more samples, the first 500 drawn (the test set) stay the same.
  const auto small = load();
  const auto large = load(", n_samples: 3000, test_fraction: 0.16666666666666666");
  REQUIRE(large.test.X.n_cols == 500);
  REQUIRE(arma::approx_equal(small.test.X, large.test.X, "absdiff", 0.0));
}

TEST_CASE("XorDataset: data/xor_*.csv are its output for the defaults", "[dataset][xor]") {
  const auto generated = load();
  const auto shipped =
      make_dataset("{plugin: csv, train: data/xor_train.csv, test: data/xor_test.csv}")->load();
  REQUIRE(shipped.feature_names == generated.feature_names);
  REQUIRE(shipped.class_names == generated.class_names);
  REQUIRE(arma::approx_equal(shipped.train.X, generated.train.X, "absdiff", 0.0));
  REQUIRE(arma::approx_equal(shipped.train.y, generated.train.y, "absdiff", 0.0));
  REQUIRE(arma::approx_equal(shipped.test.X, generated.test.X, "absdiff", 0.0));
  REQUIRE(arma::approx_equal(shipped.test.y, generated.test.y, "absdiff", 0.0));
}

TEST_CASE("XorDataset: bad parameters are ConfigErrors at the key", "[dataset][xor]") {
  auto [params, error] = GENERATE(table<std::string, std::string>({
      {", n_samples: 1", "dataset.n_samples: expected an integer in [2, 10000000], got '1'"},
      {", test_fraction: 1.5", "dataset.test_fraction: expected a number in (0, 1), got '1.5'"},
      {", n_samples: 10, test_fraction: 0.01",
       "dataset.test_fraction: expected a fraction that leaves at least one test"},
      {", extent: 0", "dataset.extent: expected a number > 0, got '0'"},
      {", margin: 6", "dataset.margin: expected a number in [0, extent), got '6'"},
      {", margin: -1", "dataset.margin: expected a number >= 0, got '-1'"},
      {", seed: -3", "dataset.seed: expected an integer >= 0, got '-3'"},
  }));
  CAPTURE(params);
  REQUIRE_THROWS_AS(load(params), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(load(params), Contains(error));
}
