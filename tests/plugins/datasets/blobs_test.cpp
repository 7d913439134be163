#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nnlab/core/error.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using nnlab::test::make_dataset;

namespace {

nnlab::DataSplit load(const std::string& params = "") {
  return make_dataset("{plugin: blobs" + params + "}")->load();
}

arma::mat all_X(const nnlab::DataSplit& split) {
  return arma::join_rows(split.train.X, split.test.X);
}

arma::rowvec all_y(const nnlab::DataSplit& split) {
  return arma::join_rows(split.train.y, split.test.y);
}

} // namespace

TEST_CASE("Blobs: 400 train and 200 test samples in 3 classes by default",
          "[plugin][dataset][blobs]") {
  const auto split = load();
  REQUIRE(split.train.X.n_rows == 2);
  REQUIRE(split.train.X.n_cols == 400);
  REQUIRE(split.test.X.n_cols == 200);
  REQUIRE(split.feature_names == std::vector<std::string>{"x1", "x2"});
  REQUIRE(split.class_names == std::vector<std::string>{"0", "1", "2"});
  const arma::rowvec y = all_y(split);
  for (double c : {0.0, 1.0, 2.0}) {
    CAPTURE(c);
    REQUIRE(arma::accu(y == c) == 200);
    REQUIRE(arma::accu(split.test.y == c) > 30); // shuffled: every class is tested
  }
}

TEST_CASE("Blobs: n_features and centers set the feature and class names",
          "[plugin][dataset][blobs]") {
  const auto split = load(", n_features: 5, centers: 4, n_samples: 40");
  REQUIRE(split.train.X.n_rows == 5);
  REQUIRE(split.test.X.n_rows == 5);
  REQUIRE(split.feature_names == std::vector<std::string>{"x1", "x2", "x3", "x4", "x5"});
  REQUIRE(split.class_names == std::vector<std::string>{"0", "1", "2", "3"});
}

TEST_CASE("Blobs: the remainder of n_samples goes to the first centers",
          "[plugin][dataset][blobs]") {
  const arma::rowvec y = all_y(load(", n_samples: 14, centers: 4, test_fraction: 0.5"));
  REQUIRE(y.n_elem == 14);
  REQUIRE(arma::accu(y == 0.0) == 4);
  REQUIRE(arma::accu(y == 1.0) == 4);
  REQUIRE(arma::accu(y == 2.0) == 3);
  REQUIRE(arma::accu(y == 3.0) == 3);
}

TEST_CASE("Blobs: with cluster_std 0 every sample is its center, inside center_box",
          "[plugin][dataset][blobs]") {
  const auto split = load(", cluster_std: 0, n_features: 4, centers: 5, center_box: [2, 3]");
  const arma::mat X = all_X(split);
  const arma::rowvec y = all_y(split);
  REQUIRE(X.min() >= 2.0);
  REQUIRE(X.max() < 3.0);
  arma::mat centers(4, 5);
  for (arma::uword c = 0; c < 5; ++c) {
    const arma::mat cloud = X.cols(arma::find(y == static_cast<double>(c)));
    CAPTURE(c);
    REQUIRE(cloud.n_cols == 120);
    centers.col(c) = cloud.col(0);
    REQUIRE(
        arma::approx_equal(cloud.each_col() - centers.col(c), arma::zeros(4, 120), "absdiff", 0.0));
  }
  // The centers differ from one another.
  for (arma::uword a = 0; a < 5; ++a)
    for (arma::uword b = a + 1; b < 5; ++b)
      REQUIRE(arma::any(centers.col(a) != centers.col(b)));
}

TEST_CASE("Blobs: cluster_std scales standard normal offsets around the same centers",
          "[plugin][dataset][blobs]") {
  // The centers are drawn first, so for one seed they do not depend on cluster_std.
  const std::string params = ", n_samples: 6000, n_features: 3, seed: 9, cluster_std: ";
  const auto at_center = load(params + "0");
  const auto spread = load(params + "0.5");
  REQUIRE(arma::approx_equal(all_y(at_center), all_y(spread), "absdiff", 0.0));
  const arma::mat offsets = (all_X(spread) - all_X(at_center)) / 0.5;
  for (arma::uword j = 0; j < 3; ++j) {
    CAPTURE(j);
    REQUIRE_THAT(arma::mean(offsets.row(j)), WithinAbs(0.0, 0.05));
    REQUIRE_THAT(arma::stddev(offsets.row(j)), WithinAbs(1.0, 0.05));
  }
  // Coordinates are independent.
  const arma::mat correlation = arma::cor(offsets.t());
  REQUIRE(arma::abs(correlation - arma::eye(3, 3)).max() < 0.05);
}

TEST_CASE("Blobs: the seed alone decides the samples", "[plugin][dataset][blobs]") {
  const auto a = load(", seed: 21");
  const auto b = load(", seed: 21");
  const auto c = load(", seed: 22");
  REQUIRE(arma::approx_equal(all_X(a), all_X(b), "absdiff", 0.0));
  REQUIRE(arma::approx_equal(all_y(a), all_y(b), "absdiff", 0.0));
  REQUIRE_FALSE(arma::approx_equal(all_X(a), all_X(c), "absdiff", 0.0));
}

TEST_CASE("Blobs: test_fraction sets the test size", "[plugin][dataset][blobs]") {
  const auto split = load(", n_samples: 200, test_fraction: 0.15");
  REQUIRE(split.train.X.n_cols == 170);
  REQUIRE(split.test.X.n_cols == 30);
  REQUIRE(split.train.y.n_elem == 170);
  REQUIRE(split.test.y.n_elem == 30);
}

TEST_CASE("Blobs: without shuffle the order is kept and the test set spreads over the clouds",
          "[plugin][dataset][blobs]") {
  // n = 30, n_test = 6: test positions 2, 7, 12, 17, 22, 27; clouds of 10 in order.
  const auto split = load(", n_samples: 30, test_fraction: 0.2, shuffle: false");
  REQUIRE(arma::approx_equal(split.test.y, arma::rowvec{0, 0, 1, 1, 2, 2}, "absdiff", 0.0));
  const arma::rowvec train_y = split.train.y;
  REQUIRE(train_y.n_elem == 24);
  REQUIRE(train_y.is_sorted());
  REQUIRE(arma::accu(train_y == 1.0) == 8);
}

TEST_CASE("Blobs: bad parameters are ConfigErrors at the key", "[plugin][dataset][blobs]") {
  auto [params, error] = GENERATE(table<std::string, std::string>({
      {", n_samples: 1", "dataset.n_samples: expected an integer in [2, 10000000], got '1'"},
      {", n_features: 0", "dataset.n_features: expected an integer in [1, 1000], got '0'"},
      {", centers: 1", "dataset.centers: expected an integer in [2, 10000], got '1'"},
      {", centers: 10001", "dataset.centers: expected an integer in [2, 10000], got '10001'"},
      {", n_samples: 10, centers: 11",
       "dataset.centers: expected an integer in [2, min(n_samples, 10000)], got '11'"},
      {", cluster_std: -0.5", "dataset.cluster_std: expected a number >= 0, got '-0.5'"},
      {", center_box: [1]",
       "dataset.center_box: expected a list of two numbers [low, high] with low < high"},
      {", center_box: [5, 5]",
       "dataset.center_box: expected a list of two numbers [low, high] with low < high"},
      {", center_box: [3, -3]",
       "dataset.center_box: expected a list of two numbers [low, high] with low < high"},
      {", center_box: 4", "dataset.center_box: expected a list of numbers"},
      {", test_fraction: 1.5", "dataset.test_fraction: expected a number in (0, 1), got '1.5'"},
      {", seed: -1", "dataset.seed: expected an integer >= 0, got '-1'"},
  }));
  CAPTURE(params);
  REQUIRE_THROWS_AS(load(params), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(load(params), Contains(error));
}
