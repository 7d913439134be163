#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/train/validation_split.hpp"

using Catch::Matchers::Contains;

namespace {

// m training samples, classes in blocks of the sizes given; feature 0 is the sample's
// index, so every sample can be told apart after the split.
nnlab::DataSplit data_of(const std::vector<arma::uword>& sizes) {
  nnlab::DataSplit data;
  arma::uword m = 0;
  for (const arma::uword n : sizes)
    m += n;
  data.train.X.set_size(2, m);
  data.train.y.set_size(m);
  arma::uword i = 0;
  for (std::size_t c = 0; c < sizes.size(); ++c)
    for (arma::uword j = 0; j < sizes[c]; ++j, ++i) {
      data.train.X(0, i) = static_cast<double>(i);
      data.train.X(1, i) = static_cast<double>(c) * 10.0;
      data.train.y[i] = static_cast<double>(c);
    }
  data.test.X = {{-1.0, -2.0}, {0.5, 0.25}};
  data.test.y = {0, 1};
  for (std::size_t c = 0; c < sizes.size(); ++c)
    data.class_names.push_back("class" + std::to_string(c));
  data.feature_names = {"index", "class"};
  return data;
}

arma::uword count(const arma::rowvec& y, double c) {
  return arma::accu(y == c);
}

} // namespace

TEST_CASE("Validation split: stratified by class, every sample on exactly one side",
          "[train][validation]") {
  const nnlab::DataSplit data = data_of({30, 60, 90});
  const nnlab::DataSplit split = nnlab::hold_out_validation(data, 0.2, 42);
  // round(180 * 0.2) = 36 held out, each class giving its 20 %.
  REQUIRE(split.valid.X.n_cols == 36);
  REQUIRE(split.train.X.n_cols == 144);
  CHECK(count(split.valid.y, 0) == 6);
  CHECK(count(split.valid.y, 1) == 12);
  CHECK(count(split.valid.y, 2) == 18);
  CHECK(count(split.train.y, 0) == 24);
  CHECK(count(split.train.y, 1) == 48);
  CHECK(count(split.train.y, 2) == 72);
  // Each sample once, its label with it, in the training set's order on both sides.
  const arma::rowvec all = arma::sort(arma::join_rows(split.train.X.row(0), split.valid.X.row(0)));
  CHECK(arma::approx_equal(all, data.train.X.row(0), "absdiff", 0.0));
  for (const nnlab::Samples* side : {&split.train, &split.valid}) {
    CHECK(arma::approx_equal(side->X.row(1) / 10.0, side->y, "absdiff", 0.0));
    CHECK(arma::rowvec(side->X.row(0)).is_sorted());
  }
  // The rest stays as it was.
  CHECK(arma::approx_equal(split.test.X, data.test.X, "absdiff", 0.0));
  CHECK(split.class_names == data.class_names);
  CHECK(split.feature_names == data.feature_names);
}

TEST_CASE("Validation split: drawn at random from its seed", "[train][validation]") {
  const nnlab::DataSplit data = data_of({50, 50});
  const auto held_out = [&](std::uint64_t seed) {
    return arma::rowvec(nnlab::hold_out_validation(data, 0.3, seed).valid.X.row(0));
  };
  CHECK(arma::approx_equal(held_out(3), held_out(3), "absdiff", 0.0));
  CHECK_FALSE(arma::approx_equal(held_out(3), held_out(4), "absdiff", 0.0));
  // Not simply the first or the last samples of each class.
  const arma::rowvec first = held_out(3);
  CHECK_FALSE(
      arma::approx_equal(first.head(15), arma::regspace<arma::rowvec>(0, 14), "absdiff", 0.0));
}

TEST_CASE("Validation split: a split that cannot be stratified is named", "[train][validation]") {
  const std::string at = "e.yaml:7:34: ";
  SECTION("a class with a single training sample") {
    REQUIRE_THROWS_WITH(nnlab::hold_out_validation(data_of({1, 9}), 0.5, 1, at),
                        "e.yaml:7:34: training.validation_fraction: class 'class0' has 1 training "
                        "sample(s); a stratified validation split needs at least 2 of each "
                        "class, one for training and one for validation");
  }
  SECTION("too few held out for the classes") {
    REQUIRE_THROWS_WITH(nnlab::hold_out_validation(data_of({4, 4, 4}), 0.1, 1, at),
                        "e.yaml:7:34: training.validation_fraction: 0.1 of 12 training samples "
                        "is 1 validation sample(s) for 3 classes; expected at least one per "
                        "class (a larger fraction)");
  }
  SECTION("too few left for training") {
    REQUIRE_THROWS_WITH(nnlab::hold_out_validation(data_of({4, 4, 4}), 0.9, 1, at),
                        "e.yaml:7:34: training.validation_fraction: 0.9 of 12 training samples "
                        "leaves 1 training sample(s) for 3 classes; expected at least one per "
                        "class (a smaller fraction)");
  }
  REQUIRE_THROWS_AS(nnlab::hold_out_validation(data_of({1, 9}), 0.5, 1), nnlab::ConfigError);
}
