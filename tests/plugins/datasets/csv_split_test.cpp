#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "nnlab/core/error.hpp"
#include "support/plugins.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::Message;
using Catch::Matchers::WithinAbs;
using nnlab::test::make_dataset;
using nnlab::test::TempDir;

namespace {

/// A file sorted by class, as iris is: class c ("a", "b", ...) has sizes[c] samples, and
/// feature x of sample i is i, so X tells which samples went where.
std::string sorted_by_class(const std::vector<int>& sizes) {
  std::string text = "x,label\n";
  int i = 0;
  for (std::size_t c = 0; c < sizes.size(); ++c)
    for (int j = 0; j < sizes[c]; ++j)
      text += std::to_string(i++) + "," + std::string(1, static_cast<char>('a' + c)) + "\n";
  return text;
}

/// Writes data.csv and loads it as `file` with `label: label` and the YAML keys in `extra`.
nnlab::DataSplit load_one(const TempDir& dir, const std::string& text, const std::string& extra) {
  dir.write("data.csv", text);
  return make_dataset("{plugin: csv, file: data.csv, label: label, " + extra + "}", dir.path())
      ->load();
}

arma::uvec per_class(const arma::rowvec& y, arma::uword k) {
  arma::uvec counts(k, arma::fill::zeros);
  for (const double c : y)
    ++counts[static_cast<arma::uword>(c)];
  return counts;
}

} // namespace

TEST_CASE("CsvDataset file: without shuffle, each class's test samples are spread over it",
          "[dataset][csv]") {
  TempDir dir;
  // 10 per class, 9 test samples: 3 per class at positions floor((2j + 1) 10 / 6) = 1, 5, 8.
  const auto split =
      load_one(dir, sorted_by_class({10, 10, 10}), "test_fraction: 0.3, shuffle: false");
  CHECK(split.class_names == std::vector<std::string>{"a", "b", "c"});
  CHECK(split.feature_names == std::vector<std::string>{"x"});
  CHECK(arma::approx_equal(split.test.X, arma::mat{{1, 5, 8, 11, 15, 18, 21, 25, 28}}, "absdiff",
                           0.0));
  CHECK(arma::approx_equal(split.test.y, arma::rowvec{0, 0, 0, 1, 1, 1, 2, 2, 2}, "absdiff", 0.0));
  CHECK(split.train.X.n_cols == 21);
  CHECK(split.train.X(0, 0) == 0.0);
  CHECK(split.train.X(0, 1) == 2.0);
}

TEST_CASE("CsvDataset file: stratify keeps class proportions, every class on both sides",
          "[dataset][csv]") {
  using Row = std::tuple<std::vector<int>, double, std::vector<arma::uword>>;
  auto [sizes, fraction, expected] =
      GENERATE(table<std::vector<int>, double, std::vector<arma::uword>>({
          // n_test 5; shares 1.5, 0.75, 2.75: floors 1, 0, 2, then the largest remainders.
          Row{{6, 3, 11}, 0.25, {1, 1, 3}},
          // n_test 3; shares 0.3, 0.3, 2.4 would leave a and b out of the test set.
          Row{{2, 2, 16}, 0.15, {1, 1, 1}},
          // n_test 18; shares 1.8, 16.2 would put all of a in the test set.
          Row{{2, 18}, 0.9, {1, 17}},
          Row{{50, 50, 50}, 0.3, {15, 15, 15}},
      }));
  const bool shuffle = GENERATE(true, false);
  CAPTURE(sizes, fraction, shuffle);
  TempDir dir;
  const auto split = load_one(dir, sorted_by_class(sizes),
                              "test_fraction: " + std::to_string(fraction) +
                                  ", shuffle: " + (shuffle ? "true" : "false"));
  const arma::uvec test_counts = per_class(split.test.y, sizes.size());
  CHECK(arma::all(test_counts == arma::uvec(expected)));
  for (std::size_t c = 0; c < sizes.size(); ++c)
    CHECK(arma::accu(split.train.y == static_cast<double>(c)) ==
          static_cast<arma::uword>(sizes[c]) - expected[c]);
  // Each sample on exactly one side, and each side in the file's order.
  const arma::rowvec train_x = split.train.X.row(0), test_x = split.test.X.row(0);
  const arma::rowvec all = arma::sort(arma::join_rows(train_x, test_x));
  CHECK(arma::approx_equal(all, arma::regspace<arma::rowvec>(0, all.n_elem - 1), "absdiff", 0.0));
  CHECK(train_x.is_sorted());
  CHECK(test_x.is_sorted());
}

TEST_CASE("CsvDataset file: the seed alone decides a shuffled split", "[dataset][csv]") {
  TempDir dir;
  const std::string text = sorted_by_class({20, 20});
  for (const std::string stratify : {"true", "false"}) {
    CAPTURE(stratify);
    const std::string keys = "test_fraction: 0.25, stratify: " + stratify;
    const auto a = load_one(dir, text, keys + ", seed: 7");
    const auto b = load_one(dir, text, keys + ", seed: 7");
    const auto c = load_one(dir, text, keys + ", seed: 8");
    CHECK(a.test.X.n_cols == 10);
    CHECK(arma::approx_equal(a.test.X, b.test.X, "absdiff", 0.0));
    CHECK_FALSE(arma::approx_equal(a.test.X, c.test.X, "absdiff", 0.0));
    // Not the spread positions: the draw is random.
    const auto spread = load_one(dir, text, keys + ", shuffle: false");
    CHECK_FALSE(arma::approx_equal(a.test.X, spread.test.X, "absdiff", 0.0));
  }
}

TEST_CASE("CsvDataset file: stratify false without shuffle spreads the test set over the file",
          "[dataset][csv]") {
  TempDir dir;
  // 13 samples, round(3.9) = 4 test samples at floor((2j + 1) 13 / 8) = 1, 4, 8, 11.
  const auto split = load_one(dir, sorted_by_class({12, 1}),
                              "test_fraction: 0.3, stratify: false, shuffle: false");
  CHECK(arma::approx_equal(split.test.X, arma::mat{{1, 4, 8, 11}}, "absdiff", 0.0));
  CHECK(split.train.X.n_cols == 9);
}

TEST_CASE("CsvDataset file: standardize uses the train side's mean and std", "[dataset][csv]") {
  TempDir dir;
  const auto split = load_one(dir, sorted_by_class({10, 10}),
                              "test_fraction: 0.2, shuffle: false, standardize: true");
  // 2 test samples per class at floor((2j + 1) 10 / 4) = 2, 7: x = 2, 7, 12, 17.
  const arma::rowvec train_x{0, 1, 3, 4, 5, 6, 8, 9, 10, 11, 13, 14, 15, 16, 18, 19};
  const double mean = arma::mean(train_x);
  const double sd = std::sqrt(arma::mean(arma::square(train_x - mean)));
  CHECK_THAT(arma::mean(split.train.X.row(0)), WithinAbs(0.0, 1e-14));
  CHECK_THAT(arma::stddev(split.train.X.row(0), 1), WithinAbs(1.0, 1e-14));
  CHECK(
      arma::approx_equal(split.test.X, (arma::rowvec{2, 7, 12, 17} - mean) / sd, "absdiff", 1e-14));
}

TEST_CASE("CsvDataset file: a split that cannot be made is a DataError saying why",
          "[dataset][csv]") {
  auto [sizes, keys, error] = GENERATE(table<std::vector<int>, std::string, std::string>({
      {{10, 1},
       "test_fraction: 0.3",
       ": stratify: class 'b' has 1 sample(s); every class needs at least 2, one on each side "
       "(or stratify: false)"},
      {{2, 2, 16},
       "test_fraction: 0.1",
       ": stratify: test_fraction 0.1 of 20 samples gives 2 test and 18 train samples for 3 "
       "classes; every class needs one on each side (or stratify: false)"},
      {{5, 5}, "test_fraction: 0.01", ": test_fraction 0.01 of 10 samples leaves no test sample"},
      {{5, 5},
       "test_fraction: 0.99, stratify: false",
       ": test_fraction 0.99 of 10 samples leaves no train sample"},
      {{7}, "test_fraction: 0.5", ": column 'label': 1 class(es) found ('a'), expected at least 2"},
  }));
  CAPTURE(sizes, keys);
  TempDir dir;
  REQUIRE_THROWS_MATCHES(load_one(dir, sorted_by_class(sizes), keys), nnlab::DataError,
                         Message((dir.path() / "data.csv").string() + error));
}

TEST_CASE("CsvDataset file: bad or missing split keys are ConfigErrors at the key",
          "[dataset][csv]") {
  TempDir dir;
  const std::string text = sorted_by_class({5, 5});
  auto [keys, error] = GENERATE(table<std::string, std::string>({
      {"shuffle: false", "dataset: missing key 'test_fraction' (a number in (0, 1): the "
                         "fraction of `file` held out as the test set)"},
      {"test_fraction: 1.5", "dataset.test_fraction: expected a number in (0, 1), got '1.5'"},
      {"test_fraction: 0", "dataset.test_fraction: expected a number in (0, 1), got '0'"},
      {"test_fraction: 0.5, seed: -1", "dataset.seed: expected an integer >= 0, got '-1'"},
      {"test_fraction: 0.5, train: data.csv",
       "dataset.train: expected no train or test file next to `file`"},
      {"test_fraction: 0.5, stratify: maybe",
       "dataset.stratify: expected true or false, got 'maybe'"},
  }));
  CAPTURE(keys);
  REQUIRE_THROWS_AS(load_one(dir, text, keys), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(load_one(dir, text, keys), Contains(error));
}

TEST_CASE("CsvDataset file: reads the shipped iris table", "[dataset][csv]") {
  const auto split = make_dataset("{plugin: csv, file: data/iris.csv, label: species, "
                                  "test_fraction: 0.3, standardize: true}")
                         ->load();
  CHECK(split.feature_names ==
        std::vector<std::string>{"sepal_length", "sepal_width", "petal_length", "petal_width"});
  CHECK(split.class_names == std::vector<std::string>{"setosa", "versicolor", "virginica"});
  CHECK(split.train.X.n_cols == 105);
  CHECK(arma::all(per_class(split.test.y, 3) == arma::uvec{15, 15, 15}));
  CHECK(arma::abs(arma::mean(split.train.X, 1)).max() < 1e-12);
  CHECK(arma::abs(arma::stddev(split.train.X, 1, 1) - 1.0).max() < 1e-12);
  // The raw table: 150 samples; petal length 1.4 cm in the first row (Fisher's setosa).
  const auto raw = make_dataset("{plugin: csv, file: data/iris.csv, label: species, "
                                "test_fraction: 0.3, shuffle: false}")
                       ->load();
  CHECK(raw.train.X.n_cols + raw.test.X.n_cols == 150);
  CHECK(raw.train.X(2, 0) == 1.4);
  CHECK(raw.train.y[0] == 0.0);
}
