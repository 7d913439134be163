#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nnlab/core/error.hpp"
#include "support/dataset_checks.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using nnlab::test::make_dataset;
using nnlab::test::unspread;

namespace {

nnlab::DataSplit load(const std::string& params = "") {
  return make_dataset("{plugin: gaussian_quantiles" + params + "}")->load();
}

// Every sample, test set first: with shuffle (the default) in the order drawn.
arma::mat all_X(const nnlab::DataSplit& split) {
  return arma::join_rows(split.test.X, split.train.X);
}

arma::rowvec all_y(const nnlab::DataSplit& split) {
  return arma::join_rows(split.test.y, split.train.y);
}

arma::rowvec distance2(const arma::mat& X, const arma::vec& mean) {
  return arma::sum(arma::square(X.each_col() - mean), 0);
}

} // namespace

TEST_CASE("GaussianQuantiles: 67 train and 33 test samples in the plane by default",
          "[plugin][dataset][gaussian_quantiles]") {
  const auto split = load();
  REQUIRE(split.train.X.n_rows == 2);
  REQUIRE(split.train.X.n_cols == 67);
  REQUIRE(split.test.X.n_cols == 33);
  REQUIRE(split.feature_names == std::vector<std::string>{"x1", "x2"});
  REQUIRE(split.class_names == std::vector<std::string>{"0", "1", "2"});
}

TEST_CASE("GaussianQuantiles: each class has floor(n / k) samples, the last the rest",
          "[plugin][dataset][gaussian_quantiles]") {
  auto [params, counts] = GENERATE(table<std::string, std::vector<arma::uword>>({
      {"", {33, 33, 34}},
      {", n_samples: 90", {30, 30, 30}},
      {", n_samples: 10, n_classes: 4", {2, 2, 2, 4}},
      {", n_samples: 501, n_classes: 2, n_features: 5", {250, 251}},
  }));
  CAPTURE(params);
  const auto split = load(params);
  const arma::rowvec y = all_y(split);
  REQUIRE(split.class_names.size() == counts.size());
  for (arma::uword c = 0; c < counts.size(); ++c) {
    CAPTURE(c);
    REQUIRE(arma::accu(y == static_cast<double>(c)) == counts[c]);
  }
}

TEST_CASE("GaussianQuantiles: every class lies outside the one before it",
          "[plugin][dataset][gaussian_quantiles]") {
  auto [params, mean] = GENERATE(table<std::string, std::vector<double>>({
      {"", {0.0, 0.0}},
      {", n_samples: 1000, n_classes: 5, mean: [5, -3]", {5.0, -3.0}},
      {", n_samples: 300, n_features: 3, cov: 4, mean: [1, 2, 3]", {1.0, 2.0, 3.0}},
  }));
  CAPTURE(params);
  const auto split = load(params);
  const arma::rowvec r2 = distance2(all_X(split), arma::vec(mean));
  const arma::rowvec y = all_y(split);
  for (arma::uword c = 1; c < split.class_names.size(); ++c) {
    CAPTURE(c);
    const double inner_max = arma::max(r2.elem(arma::find(y == static_cast<double>(c - 1))));
    const double outer_min = arma::min(r2.elem(arma::find(y == static_cast<double>(c))));
    REQUIRE(outer_min >= inner_max);
  }
}

TEST_CASE("GaussianQuantiles: the samples follow N(mean, cov I)",
          "[plugin][dataset][gaussian_quantiles]") {
  const auto split = load(", n_samples: 20000, n_features: 3, mean: [2, -1, 0.5], cov: 4");
  const arma::mat X = all_X(split);
  const arma::vec sample_mean = arma::mean(X, 1);
  const arma::mat sample_cov = arma::cov(X.t());
  CAPTURE(sample_mean, sample_cov);
  const arma::vec mean{2.0, -1.0, 0.5};
  for (arma::uword j = 0; j < 3; ++j) {
    REQUIRE_THAT(sample_mean[j], WithinAbs(mean[j], 0.05));
    for (arma::uword l = 0; l < 3; ++l)
      REQUIRE_THAT(sample_cov(j, l), WithinAbs(j == l ? 4.0 : 0.0, 0.15));
  }
}

TEST_CASE("GaussianQuantiles: shuffle false keeps the samples sorted by distance",
          "[plugin][dataset][gaussian_quantiles]") {
  const auto sorted = load(", shuffle: false");
  const arma::rowvec r2 = distance2(unspread(sorted.train.X, sorted.test.X), arma::zeros(2));
  REQUIRE(r2.is_sorted("ascend"));
  REQUIRE(arma::rowvec(unspread(sorted.train.y, sorted.test.y)).is_sorted("ascend"));
  // The test set is spread over that order, so it holds every shell: 11 of each 33.
  for (double c : {0.0, 1.0, 2.0}) {
    CAPTURE(c);
    REQUIRE(arma::accu(sorted.test.y == c) == 11);
  }
  // Shuffled, the same samples are mixed: the test set holds every class.
  const auto shuffled = load();
  REQUIRE(arma::approx_equal(arma::sort(distance2(all_X(shuffled), arma::zeros(2))), r2, "absdiff",
                             0.0));
  for (double c : {0.0, 1.0, 2.0}) {
    CAPTURE(c);
    REQUIRE(arma::accu(shuffled.test.y == c) > 0);
  }
}

TEST_CASE("GaussianQuantiles: the seed alone decides the samples",
          "[plugin][dataset][gaussian_quantiles]") {
  const auto a = load(", seed: 11");
  const auto b = load(", seed: 11");
  const auto c = load(", seed: 12");
  REQUIRE(arma::approx_equal(all_X(a), all_X(b), "absdiff", 0.0));
  REQUIRE(arma::approx_equal(all_y(a), all_y(b), "absdiff", 0.0));
  REQUIRE_FALSE(arma::approx_equal(all_X(a), all_X(c), "absdiff", 0.0));
}

TEST_CASE("GaussianQuantiles: test_fraction sets the size of the test set",
          "[plugin][dataset][gaussian_quantiles]") {
  const auto split = load(", n_samples: 200, test_fraction: 0.35");
  REQUIRE(split.test.X.n_cols == 70);
  REQUIRE(split.train.X.n_cols == 130);
  REQUIRE(split.train.y.n_elem == 130);
}

TEST_CASE("GaussianQuantiles: bad parameters are ConfigErrors at the key",
          "[plugin][dataset][gaussian_quantiles]") {
  auto [params, error] = GENERATE(table<std::string, std::string>({
      {", n_features: 0", "dataset.n_features: expected an integer in [1, 100000], got '0'"},
      {", n_classes: 1", "dataset.n_classes: expected an integer in [2, 10000], got '1'"},
      {", n_samples: 2",
       "dataset.n_samples: expected an integer in [n_classes, 10000000], got '2'"},
      {", n_samples: 1", "dataset.n_samples: expected an integer in [2, 10000000], got '1'"},
      {", mean: [1, 2, 3]", "dataset.mean: expected a list of n_features (2) finite numbers"},
      {", n_features: 3, mean: [1]",
       "dataset.mean: expected a list of n_features (3) finite numbers"},
      {", cov: 0", "dataset.cov: expected a number > 0, got '0'"},
      {", cov: -1", "dataset.cov: expected a number > 0, got '-1'"},
      {", test_fraction: 0", "dataset.test_fraction: expected a number in (0, 1), got '0'"},
      {", n_samples: 3, test_fraction: 0.1",
       "dataset.test_fraction: expected a fraction that leaves at least one test"},
      {", seed: -1", "dataset.seed: expected an integer >= 0, got '-1'"},
  }));
  CAPTURE(params);
  REQUIRE_THROWS_AS(load(params), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(load(params), Contains(error));
}
