#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "nnlab/core/error.hpp"
#include "support/dataset_checks.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using nnlab::test::make_dataset;
using nnlab::test::unspread;

namespace {

nnlab::DataSplit load(const std::string& params = "") {
  return make_dataset("{plugin: classification" + params + "}")->load();
}

// Every sample, test set first: with shuffle (the default) in the order drawn.
arma::mat all_X(const nnlab::DataSplit& split) {
  return arma::join_rows(split.test.X, split.train.X);
}

arma::rowvec all_y(const nnlab::DataSplit& split) {
  return arma::join_rows(split.test.y, split.train.y);
}

// Accuracy of the nearest-class-mean classifier fitted on the train set, on the test set.
double nearest_mean_accuracy(const nnlab::DataSplit& split) {
  const arma::uword k = split.class_names.size();
  arma::mat means(split.train.X.n_rows, k);
  for (arma::uword c = 0; c < k; ++c)
    means.col(c) =
        arma::mean(split.train.X.cols(arma::find(split.train.y == static_cast<double>(c))), 1);
  double correct = 0;
  for (arma::uword i = 0; i < split.test.X.n_cols; ++i) {
    const arma::rowvec d2 = arma::sum(arma::square(means.each_col() - split.test.X.col(i)), 0);
    correct += static_cast<double>(d2.index_min()) == split.test.y[i] ? 1.0 : 0.0;
  }
  return correct / static_cast<double>(split.test.X.n_cols);
}

} // namespace

TEST_CASE("Classification: 67 train and 33 test samples of 20 features by default",
          "[plugin][dataset][classification]") {
  const auto split = load();
  REQUIRE(split.train.X.n_rows == 20);
  REQUIRE(split.train.X.n_cols == 67);
  REQUIRE(split.test.X.n_cols == 33);
  REQUIRE(split.feature_names.size() == 20);
  REQUIRE(split.feature_names.front() == "x1");
  REQUIRE(split.feature_names.back() == "x20");
  REQUIRE(split.class_names == std::vector<std::string>{"0", "1"});
}

TEST_CASE("Classification: without flips the classes are as even as in sklearn",
          "[plugin][dataset][classification]") {
  // Each of the n_classes * n_clusters_per_class clusters gets floor(n w / per_class)
  // samples, the rest one each to the first clusters; cluster k has class k mod n_classes.
  auto [params, counts] = GENERATE(table<std::string, std::vector<arma::uword>>({
      {"", {50, 50}},
      {", n_samples: 101, n_classes: 3, n_informative: 3", {34, 34, 33}},
      {", n_samples: 10, n_classes: 4, n_clusters_per_class: 1", {3, 3, 2, 2}},
      {", n_samples: 100, weights: [0.7]", {70, 30}},
      {", n_samples: 90, n_classes: 3, n_informative: 3, weights: [0.5, 0.3, 0.2]", {45, 27, 18}},
  }));
  CAPTURE(params);
  const auto split = load(", flip_y: 0" + params);
  const arma::rowvec y = all_y(split);
  REQUIRE(split.class_names.size() == counts.size());
  for (arma::uword c = 0; c < counts.size(); ++c) {
    CAPTURE(c);
    REQUIRE(arma::accu(y == static_cast<double>(c)) == counts[c]);
  }
}

TEST_CASE("Classification: clusters sit on distinct hypercube vertices",
          "[plugin][dataset][classification]") {
  const double sep = 2.0;
  const auto split = load(", n_samples: 4000, n_features: 3, n_redundant: 0, n_classes: 4, "
                          "n_clusters_per_class: 1, class_sep: 2, flip_y: 0, shuffle: false");
  const arma::mat X = unspread(split.train.X, split.test.X);
  const arma::rowvec y = unspread(split.train.y, split.test.y);
  std::set<std::vector<int>> corners;
  for (arma::uword k = 0; k < 4; ++k) {
    // Unshuffled, cluster k is the k-th block of 1000 samples and has class k; the test
    // set is spread over all of them, a third of each.
    REQUIRE(arma::all(y.cols(1000 * k, 1000 * k + 999) == static_cast<double>(k)));
    const arma::uword in_test = arma::accu(split.test.y == static_cast<double>(k));
    CHECK((in_test == 333 || in_test == 334));
    const arma::vec centre = arma::mean(X.cols(1000 * k, 1000 * k + 999), 1);
    CAPTURE(k, centre);
    std::vector<int> corner;
    for (arma::uword j = 0; j < 2; ++j) {
      REQUIRE(std::abs(std::abs(centre[j]) - sep) < 0.1);
      corner.push_back(centre[j] > 0 ? 1 : -1);
    }
    REQUIRE(std::abs(centre[2]) < 0.15); // the noise feature
    corners.insert(corner);
  }
  REQUIRE(corners.size() == 4);

  // hypercube: false shrinks the vertices towards the origin by random factors.
  const auto polytope = load(", n_samples: 4000, n_features: 2, n_redundant: 0, n_classes: 4, "
                             "n_clusters_per_class: 1, class_sep: 2, flip_y: 0, shuffle: false, "
                             "hypercube: false");
  const arma::mat P = unspread(polytope.train.X, polytope.test.X);
  double off_vertex = 0.0;
  for (arma::uword k = 0; k < 4; ++k) {
    const arma::vec centre = arma::mean(P.cols(1000 * k, 1000 * k + 999), 1);
    CAPTURE(k, centre);
    REQUIRE(arma::max(arma::abs(centre)) < sep + 0.1);
    off_vertex = std::max(off_vertex, arma::max(sep - arma::abs(centre)));
  }
  REQUIRE(off_vertex > 0.3);
}

TEST_CASE("Classification: redundant and repeated features are combinations of informative ones",
          "[plugin][dataset][classification]") {
  const std::string shape =
      ", n_samples: 300, n_informative: 3, n_redundant: 2, n_repeated: 1, n_classes: 3";
  // Shuffled features: only the rank shows it. 3 informative + 2 noise features.
  REQUIRE(arma::rank(all_X(load(shape + ", n_features: 6"))) == 3);
  REQUIRE(arma::rank(all_X(load(shape + ", n_features: 8"))) == 5);

  // Unshuffled: rows 0-2 informative, 3-4 redundant, 5 a copy, 6-7 noise.
  const arma::mat X = all_X(load(shape + ", n_features: 8, shuffle: false"));
  const arma::mat informative = X.rows(0, 2);
  const arma::mat B = arma::solve(informative.t(), X.rows(3, 4).t());
  REQUIRE(arma::approx_equal(informative.t() * B, X.rows(3, 4).t(), "absdiff", 1e-10));
  bool copied = false;
  for (arma::uword j = 0; j < 5; ++j)
    copied = copied || arma::approx_equal(X.row(5), X.row(j), "absdiff", 0.0);
  REQUIRE(copied);
  REQUIRE(arma::rank(X.rows(0, 4)) == 3);
  REQUIRE(arma::rank(X) == 5);
}

TEST_CASE("Classification: a larger class_sep makes the classes easier to separate",
          "[plugin][dataset][classification]") {
  const std::string seed = std::to_string(GENERATE(1, 2, 3));
  const std::string common = ", n_samples: 1000, n_features: 2, n_redundant: 0, "
                             "n_clusters_per_class: 1, flip_y: 0, seed: " +
                             seed;
  const double wide = nearest_mean_accuracy(load(common + ", class_sep: 3"));
  const double narrow = nearest_mean_accuracy(load(common + ", class_sep: 0.5"));
  CAPTURE(seed, wide, narrow);
  REQUIRE(wide > 0.97);
  REQUIRE(wide > narrow + 0.1);
}

TEST_CASE("Classification: flip_y replaces that fraction of labels by random classes",
          "[plugin][dataset][classification]") {
  // Unshuffled, so the features are the same whatever flip_y draws.
  const std::string common = ", n_samples: 4000, shuffle: false";
  const auto clean = load(common + ", flip_y: 0");
  const auto flipped = load(common + ", flip_y: 0.5");
  REQUIRE(arma::approx_equal(all_X(clean), all_X(flipped), "absdiff", 0.0));
  // Half the labels are redrawn, and half of those land on the other class.
  const double changed = static_cast<double>(arma::accu(all_y(clean) != all_y(flipped))) / 4000.0;
  CAPTURE(changed);
  REQUIRE((changed > 0.2 && changed < 0.3));
}

TEST_CASE("Classification: shift and scale transform every feature",
          "[plugin][dataset][classification]") {
  const arma::mat plain = all_X(load(", seed: 3"));
  const arma::mat moved = all_X(load(", seed: 3, shift: 5, scale: 2"));
  REQUIRE(arma::approx_equal(moved, (plain + 5.0) * 2.0, "absdiff", 1e-12));
}

TEST_CASE("Classification: the seed alone decides the samples",
          "[plugin][dataset][classification]") {
  const auto a = load(", seed: 11");
  const auto b = load(", seed: 11");
  const auto c = load(", seed: 12");
  REQUIRE(arma::approx_equal(all_X(a), all_X(b), "absdiff", 0.0));
  REQUIRE(arma::approx_equal(all_y(a), all_y(b), "absdiff", 0.0));
  REQUIRE_FALSE(arma::approx_equal(all_X(a), all_X(c), "absdiff", 0.0));
}

TEST_CASE("Classification: test_fraction sets the size of the test set",
          "[plugin][dataset][classification]") {
  const auto split = load(", n_samples: 200, test_fraction: 0.3");
  REQUIRE(split.test.X.n_cols == 60);
  REQUIRE(split.train.X.n_cols == 140);
  REQUIRE(split.test.y.n_elem == 60);
}

TEST_CASE("Classification: bad parameters are ConfigErrors at the key",
          "[plugin][dataset][classification]") {
  auto [params, error] = GENERATE(table<std::string, std::string>({
      {", n_samples: 1", "dataset.n_samples: expected an integer in [2, 10000000], got '1'"},
      {", n_features: 0", "dataset.n_features: expected an integer in [1, 100000], got '0'"},
      {", n_informative: 0", "dataset.n_informative: expected an integer >= 1, got '0'"},
      {", n_informative: 21", "dataset.n_informative: expected an integer in [1, n_features]"},
      {", n_redundant: -1", "dataset.n_redundant: expected an integer >= 0, got '-1'"},
      {", n_redundant: 21", "dataset.n_redundant: expected an integer in [0, n_features]"},
      {", n_repeated: -1", "dataset.n_repeated: expected an integer >= 0, got '-1'"},
      {", n_repeated: 21", "dataset.n_repeated: expected an integer in [0, n_features]"},
      {", n_features: 4, n_informative: 2, n_redundant: 2, n_repeated: 1",
       "dataset.n_features: expected an integer >= n_informative + n_redundant + n_repeated = 5, "
       "got '4'"},
      {", n_classes: 1", "dataset.n_classes: expected an integer in [2, 10000], got '1'"},
      {", n_clusters_per_class: 0",
       "dataset.n_clusters_per_class: expected an integer in [1, 10000], got '0'"},
      {", n_classes: 3",
       "dataset.n_informative: expected an integer with 2^n_informative >= n_classes * "
       "n_clusters_per_class = 6, got '2'"},
      {", weights: [0.2, 0.3, 0.5]", "dataset.weights: expected a list of n_classes or "
                                     "n_classes - 1 (2 or 1) numbers >= 0 that sum to at most 1"},
      {", weights: [0.7, 0.6]", "dataset.weights: expected a list of n_classes"},
      {", weights: [-0.1]", "dataset.weights[0]: expected a number in [0, 1], got '-0.1'"},
      {", weights: [0.5, 1.5]", "dataset.weights[1]: expected a number in [0, 1], got '1.5'"},
      {", flip_y: 1.5", "dataset.flip_y: expected a number in [0, 1], got '1.5'"},
      {", flip_y: -0.1", "dataset.flip_y: expected a number in [0, 1], got '-0.1'"},
      {", class_sep: 0", "dataset.class_sep: expected a number > 0, got '0'"},
      {", scale: 0", "dataset.scale: expected a number > 0, got '0'"},
      {", shift: .inf", "dataset.shift: expected a number, got '.inf'"},
      {", test_fraction: 1", "dataset.test_fraction: expected a number in (0, 1), got '1'"},
      {", seed: -1", "dataset.seed: expected an integer >= 0, got '-1'"},
  }));
  CAPTURE(params);
  REQUIRE_THROWS_AS(load(params), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(load(params), Contains(error));
}
