#include <catch2/catch.hpp>

#include <string>

#include "nnlab/core/error.hpp"
#include "support/dataset_checks.hpp"
#include "support/plugins.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::Message;
using nnlab::test::make_dataset;
using nnlab::test::TempDir;

namespace {

const char* const good_test = "x1,x2,y\n0.5,1,1\n2,3,0\n";

/// Writes train.csv and test.csv to `dir` and loads them with the csv plugin; `extra`
/// adds YAML keys to the block.
nnlab::DataSplit load(const TempDir& dir, std::string_view train, std::string_view test = good_test,
                      const std::string& extra = "") {
  dir.write("train.csv", train);
  dir.write("test.csv", test);
  return make_dataset("{plugin: csv, train: train.csv, test: test.csv" + extra + "}", dir.path())
      ->load();
}

} // namespace

TEST_CASE("CsvDataset: reads features and labels by name", "[dataset][csv]") {
  TempDir dir;
  // Columns in another order than `features`, spaces, CRLF, a trailing blank line, and a
  // test file with its columns in yet another order and a class train lacks.
  const auto split = load(dir, "y , b, a\r\n1, 2.5, -1\r\n0,3,4e-1\r\n\r\n",
                          " a,b,y\n7,+8,2\n-0.25,1e3,0\n", ", features: [a, b]");
  REQUIRE(split.feature_names == std::vector<std::string>{"a", "b"});
  REQUIRE(split.class_names == std::vector<std::string>{"0", "1", "2"});
  REQUIRE(arma::approx_equal(split.train.X, arma::mat{{-1.0, 0.4}, {2.5, 3.0}}, "absdiff", 0.0));
  REQUIRE(arma::approx_equal(split.train.y, arma::rowvec{1.0, 0.0}, "absdiff", 0.0));
  REQUIRE(arma::approx_equal(split.test.X, arma::mat{{7.0, -0.25}, {8.0, 1000.0}}, "absdiff", 0.0));
  REQUIRE(arma::approx_equal(split.test.y, arma::rowvec{2.0, 0.0}, "absdiff", 0.0));
}

TEST_CASE("CsvDataset: features default to every column but the label", "[dataset][csv]") {
  TempDir dir;
  const auto split =
      load(dir, "x2,class,x1\n1,-1,2\n3,5,4\n", "x1,x2,class\n0,0,5\n", ", label: class");
  REQUIRE(split.feature_names == std::vector<std::string>{"x2", "x1"});
  REQUIRE(split.class_names == std::vector<std::string>{"-1", "5"});
  REQUIRE(arma::approx_equal(split.train.X, arma::mat{{1.0, 3.0}, {2.0, 4.0}}, "absdiff", 0.0));
  REQUIRE(arma::approx_equal(split.train.y, arma::rowvec{0.0, 1.0}, "absdiff", 0.0));
  REQUIRE(split.test.X.n_cols == 1);
}

TEST_CASE("CsvDataset: errors in the train file name the file and the line", "[dataset][csv]") {
  auto [text, error] = GENERATE(table<std::string, std::string>({
      {"", ": empty file; expected a header line"},
      {" \n\n", ": empty file; expected a header line"},
      {"x1,x2,y\n", ": no samples after the header line"},
      {"x1,x2,label\n1,2,0\n", ":1: no column 'y'; columns: x1, x2, label"},
      {"x1,x1,y\n1,2,0\n", ":1: column 'x1' appears twice"},
      {"x1,,y\n1,2,0\n", ":1: column 2 has no name"},
      {"y\n1\n0\n", ":1: no feature columns besides the label 'y'"},
      {"x1,x2,y\n1,2,0\n3,4\n", ":3: expected 3 fields, got 2"},
      {"x1,x2,y\n1,2,0\n3,4,1,5\n", ":3: expected 3 fields, got 4"},
      {"x1,x2,y\n1,2,0\n\n3,4,1\n", ":3: expected 3 fields, got an empty line"},
      {"x1,x2,y\n1,2,0\n1,2,1\n3,abc,1\n", ":4: column 'x2': expected a number, got 'abc'"},
      {"x1,x2,y\n1,,0\n", ":2: column 'x2': expected a number, got ''"},
      {"x1,x2,y\n1,2 3,0\n", ":2: column 'x2': expected a number, got '2 3'"},
      {"x1,x2,y\nnan,2,0\n", ":2: column 'x1': expected a finite number, got 'nan'"},
      {"x1,x2,y\n1,-inf,0\n", ":2: column 'x2': expected a finite number, got '-inf'"},
      {"x1,x2,y\n1,1e999,0\n", ":2: column 'x2': expected a finite number, got '1e999'"},
      {"x1,x2,y\n1,2,0\n1,2,0.5\n", ":3: column 'y': expected an integer class label, got '0.5'"},
      {"x1,x2,y\n1,2,cat\n", ":2: column 'y': expected an integer class label, got 'cat'"},
  }));
  CAPTURE(text);
  TempDir dir;
  REQUIRE_THROWS_MATCHES(load(dir, text), nnlab::DataError,
                         Message((dir.path() / "train.csv").string() + error));
}

TEST_CASE("CsvDataset: the test file needs the same feature and label columns", "[dataset][csv]") {
  TempDir dir;
  const std::string test_file = (dir.path() / "test.csv").string();
  REQUIRE_THROWS_MATCHES(load(dir, good_test, "x1,y\n1,0\n"), nnlab::DataError,
                         Message(test_file + ":1: no column 'x2'; columns: x1, y"));
  REQUIRE_THROWS_MATCHES(load(dir, good_test, "x1,x2,label\n1,2,0\n"), nnlab::DataError,
                         Message(test_file + ":1: no column 'y'; columns: x1, x2, label"));
  REQUIRE_THROWS_MATCHES(load(dir, good_test, "x1,x2,y\n1,2,0\n1,x,0\n"), nnlab::DataError,
                         Message(test_file + ":3: column 'x2': expected a number, got 'x'"));
}

TEST_CASE("CsvDataset: a missing file or a single class is a DataError", "[dataset][csv]") {
  TempDir dir;
  dir.write("train.csv", good_test);
  REQUIRE_THROWS_MATCHES(
      make_dataset("{plugin: csv, train: train.csv, test: nope.csv}", dir.path())->load(),
      nnlab::DataError,
      Message((dir.path() / "nope.csv").string() + ": cannot read: No such file or directory"));
  REQUIRE_THROWS_WITH(load(dir, "x,y\n1,0\n", "x,y\n2,0\n"),
                      Contains("train.csv") && Contains("1 class(es) found"));
}

TEST_CASE("CsvDataset: bad parameters are ConfigErrors at the key", "[dataset][csv]") {
  TempDir dir;
  REQUIRE_THROWS_AS(load(dir, good_test, good_test, ", features: [x1, y]"), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(load(dir, good_test, good_test, ", features: [x1, y]"),
                      Contains("dataset.features: expected columns other than the label"));
  REQUIRE_THROWS_WITH(load(dir, good_test, good_test, ", features: [x1, x1]"),
                      Contains("dataset.features: expected distinct column names"));
  REQUIRE_THROWS_WITH(load(dir, good_test, good_test, ", features: []"),
                      Contains("dataset.features: expected a non-empty list"));
  REQUIRE_THROWS_WITH(make_dataset("{plugin: csv, test: test.csv}", dir.path()),
                      Contains("missing key 'train'"));
}

TEST_CASE("CsvDataset: reads the shipped XOR data", "[dataset][csv]") {
  const auto split =
      make_dataset("{plugin: csv, train: data/xor_train.csv, test: data/xor_test.csv}")->load();
  nnlab::test::check_plane_split(split, 1000, 500);
}
