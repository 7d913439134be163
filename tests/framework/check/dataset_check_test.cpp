#include <catch2/catch.hpp>

#include <stdexcept>

#include "nnlab/check/dataset_check.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// Three classes in the plane, 6 train and 3 test samples; each flag breaks one rule.
class TestDataset final : public nnlab::Dataset {
public:
  double offset = 0.0;          ///< shifts the features (another "seed")
  bool drifts = false;          ///< every load() differs
  bool class_missing = false;   ///< class 2 only in the test set
  bool bad_label = false;       ///< a label 3 with k = 3
  bool too_few_names = false;   ///< one feature name for two features
  bool duplicate_class = false; ///< class names "a", "b", "a"
  bool throws = false;

  nnlab::DataSplit load() const override {
    if (throws) throw std::runtime_error("data.csv: cannot read");
    nnlab::DataSplit split;
    split.train.X = arma::mat{{0, 1, 2, 3, 4, 5}, {5, 4, 3, 2, 1, 0}} + offset + drift_++ * drifts;
    split.train.y = {0, 1, 2, 0, 1, class_missing ? 1.0 : 2.0};
    if (class_missing) split.train.y[2] = 0;
    split.test.X = arma::mat{{0.5, 1.5, 2.5}, {0.5, 1.5, 2.5}};
    split.test.y = {0, 1, bad_label ? 3.0 : 2.0};
    split.feature_names =
        too_few_names ? std::vector<std::string>{"x1"} : std::vector<std::string>{"x1", "x2"};
    split.class_names = {"a", "b", duplicate_class ? "a" : "c"};
    return split;
  }

private:
  mutable double drift_ = 0.0;
};

} // namespace

TEST_CASE("check_dataset: a consistent, deterministic dataset passes", "[check][dataset]") {
  const TestDataset dataset;
  TestDataset other;
  other.offset = 0.25;
  const auto report = nnlab::check_dataset(dataset, "dataset 'test'", &other);
  INFO(report.text());
  CHECK(report.passed());
  REQUIRE(report.results().size() == 6);
  CHECK(report.result("load()").detail ==
        "train 2 x 6, test 2 x 3 (features x samples), 3 classes");
  CHECK(report.result("every class in train").detail ==
        "train samples per class: a: 2, b: 2, c: 2");
  CHECK(report.result("another seed, other data").detail ==
        "the dataset built with another seed gives different data");
}

TEST_CASE("check_dataset: without a reseeded dataset there is no seed check", "[check][dataset]") {
  const auto report = nnlab::check_dataset(TestDataset(), "dataset 'file'");
  CHECK(report.passed());
  CHECK(report.results().size() == 5);
}

TEST_CASE("check_dataset: each broken rule fails its check", "[check][dataset]") {
  TestDataset dataset;
  std::string failing;
  SECTION("data that change between loads") {
    dataset.drifts = true;
    failing = "deterministic";
  }
  SECTION("a class with no train sample") {
    dataset.class_missing = true;
    failing = "every class in train";
  }
  SECTION("a label outside 0..k-1") {
    dataset.bad_label = true;
    failing = "consistent split (check_split)";
  }
  SECTION("fewer feature names than features") {
    dataset.too_few_names = true;
    failing = "consistent split (check_split)"; // check_split counts names too
  }
  SECTION("two classes with one name") {
    dataset.duplicate_class = true;
    failing = "feature and class names";
  }
  const auto report = nnlab::check_dataset(dataset, "dataset 'broken'");
  INFO(report.text());
  CHECK_FALSE(report.result(failing).passed);
}

TEST_CASE("check_dataset: the failures say what is wrong", "[check][dataset]") {
  TestDataset dataset;
  dataset.bad_label = true;
  auto report = nnlab::check_dataset(dataset, "dataset 'x'");
  CHECK(report.result("consistent split (check_split)").detail ==
        "the split: test set: sample 3 has label 3, expected a class in 0..2");
  dataset.bad_label = false;
  dataset.class_missing = true;
  report = nnlab::check_dataset(dataset, "dataset 'x'");
  CHECK(report.result("every class in train").detail ==
        "train samples per class: a: 3, b: 3, c: 0");
}

TEST_CASE("check_dataset: the same data under another seed fails", "[check][dataset]") {
  const TestDataset dataset, same;
  const auto report = nnlab::check_dataset(dataset, "dataset 'x'", &same);
  CHECK(report.failures() == 1);
  CHECK_FALSE(report.result("another seed, other data").passed);
}

TEST_CASE("check_dataset: when load() throws, only that is reported", "[check][dataset]") {
  TestDataset dataset;
  dataset.throws = true;
  const auto report = nnlab::check_dataset(dataset, "dataset 'x'");
  REQUIRE(report.results().size() == 1);
  CHECK(report.results()[0].detail == "threw: data.csv: cannot read");
  CHECK_THAT(report.text(), Contains("the other checks need the data and were not run"));
}
