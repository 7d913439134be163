#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>

#include "nnlab/core/error.hpp"
#include "support/dataset_checks.hpp"
#include "support/plugins.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::Message;
using Catch::Matchers::WithinAbs;
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
      {"x1,x2,y\n1,2,0\n1,2,0.5\n",
       ":3: column 'y': expected an integer class label or a class name, got '0.5'; "
       "label_type: string reads numbers as names"},
      {"x1,x2,y\n1,2,0\n1,2,cat\n",
       ":3: column 'y': expected an integer class label like '0' on line 2, got 'cat'; labels "
       "are all integers or all names (label_type: string reads every label as a name)"},
      {"x1,x2,y\n1,2,\n", ":2: column 'y': expected a class label, got ''"},
  }));
  CAPTURE(text);
  TempDir dir;
  REQUIRE_THROWS_MATCHES(load(dir, text), nnlab::DataError,
                         Message((dir.path() / "train.csv").string() + error));
}

TEST_CASE("CsvDataset: class names are numbered in sorted order over both files",
          "[dataset][csv]") {
  TempDir dir;
  // LabelEncoder's order; 'setosa' only in the test file still gets its number.
  const auto split = load(dir, "species,x\nvirginica,1\nversicolor,2\nvirginica,3\n",
                          "x,species\n4,setosa\n5,versicolor\n", ", label: species");
  CHECK(split.class_names == std::vector<std::string>{"setosa", "versicolor", "virginica"});
  CHECK(split.feature_names == std::vector<std::string>{"x"});
  CHECK(arma::approx_equal(split.train.y, arma::rowvec{2.0, 1.0, 2.0}, "absdiff", 0.0));
  CHECK(arma::approx_equal(split.test.y, arma::rowvec{0.0, 1.0}, "absdiff", 0.0));
  CHECK(arma::approx_equal(split.train.X, arma::mat{{1.0, 2.0, 3.0}}, "absdiff", 0.0));
}

TEST_CASE("CsvDataset: label_type integer or string decides how labels read", "[dataset][csv]") {
  TempDir dir;
  const std::string train = "x,y\n1,10\n2,2\n3,+1\n";
  SECTION("string: integers are names, sorted as text") {
    const auto split = load(dir, train, "x,y\n4,1\n", ", label_type: string");
    CHECK(split.class_names == std::vector<std::string>{"+1", "1", "10", "2"});
    CHECK(arma::approx_equal(split.train.y, arma::rowvec{2.0, 3.0, 0.0}, "absdiff", 0.0));
    CHECK(arma::approx_equal(split.test.y, arma::rowvec{1.0}, "absdiff", 0.0));
  }
  SECTION("integer, as auto reads integers: by value, +1 is 1") {
    for (const std::string extra : {", label_type: integer", ""}) {
      CAPTURE(extra);
      const auto split = load(dir, train, "x,y\n4,1\n", extra);
      CHECK(split.class_names == std::vector<std::string>{"1", "2", "10"});
      CHECK(arma::approx_equal(split.train.y, arma::rowvec{2.0, 1.0, 0.0}, "absdiff", 0.0));
    }
  }
  SECTION("integer: a name is an error at its cell") {
    REQUIRE_THROWS_MATCHES(
        load(dir, train, "x,y\n4,setosa\n", ", label_type: integer"), nnlab::DataError,
        Message((dir.path() / "test.csv").string() +
                ":2: column 'y': expected an integer class label, got 'setosa'"));
  }
  SECTION("auto: names in one file and integers in the other are an error naming both") {
    REQUIRE_THROWS_MATCHES(
        load(dir, "x,y\n1,cat\n2,dog\n", "x,y\n4,dog\n5,1\n"), nnlab::DataError,
        Message((dir.path() / "test.csv").string() +
                ":3: column 'y': expected a class name like 'cat' on " +
                (dir.path() / "train.csv").string() +
                ":2, got '1'; labels are all integers or all names (label_type: string reads "
                "every label as a name)"));
  }
  SECTION("anything else is a ConfigError at the key") {
    REQUIRE_THROWS_WITH(load(dir, train, "x,y\n4,1\n", ", label_type: names"),
                        Contains("dataset.label_type: expected one of auto, integer, string, "
                                 "got 'names'"));
    REQUIRE_THROWS_WITH(load(dir, train, "x,y\n4,1\n", ", label_type: strings"),
                        Contains("dataset.label_type: expected one of auto, integer, string, "
                                 "got 'strings'; did you mean 'string'?"));
  }
}

TEST_CASE("CsvDataset: standardize fits mean and std on the train file only", "[dataset][csv]") {
  TempDir dir;
  // a: train 1, 2, 3 (mean 2, std sqrt(2/3)); b: one value in train, so scale 1.
  const auto split =
      load(dir, "a,b,y\n1,5,0\n2,5,1\n3,5,0\n", "a,b,y\n4,7,1\n", ", standardize: true");
  const double sd = std::sqrt(2.0 / 3.0);
  const arma::mat train{{-1.0 / sd, 0.0, 1.0 / sd}, {0.0, 0.0, 0.0}};
  CHECK(arma::approx_equal(split.train.X, train, "absdiff", 1e-15));
  CHECK_THAT(split.test.X(0, 0), WithinAbs(2.0 / sd, 1e-15));
  CHECK(split.test.X(1, 0) == 2.0);
  // A constant 0.1 has a mean that rounding may put an ulp away: still scale 1, exactly.
  const auto constant =
      load(dir, "a,b,y\n0.1,1,0\n0.1,2,1\n0.1,4,0\n", "a,b,y\n0.3,3,1\n", ", standardize: true");
  CHECK(arma::abs(constant.train.X.row(0)).max() < 1e-15);
  CHECK_THAT(constant.test.X(0, 0), WithinAbs(0.2, 1e-15));
}

TEST_CASE("CsvDataset: the split keeps its standardisation, which gives its features' bits",
          "[dataset][csv]") {
  TempDir dir;
  const std::string train = "a,b,y\n1,5,0\n2,5,1\n3,5,0\n", test = "a,b,y\n4,7,1\n";
  const auto split = load(dir, train, test, ", standardize: true");
  REQUIRE(split.scaler.mean.n_elem == 2);
  CHECK(split.scaler.mean[0] == 2.0);
  CHECK(split.scaler.mean[1] == 5.0);
  CHECK_THAT(split.scaler.scale[0], WithinAbs(std::sqrt(2.0 / 3.0), 1e-15));
  CHECK(split.scaler.scale[1] == 1.0); // one value in the train set
  // The raw test features through the stored scaler are the split's, to the bit.
  const auto raw = load(dir, train, test, "");
  CHECK(raw.scaler.empty());
  arma::mat X = raw.test.X;
  split.scaler.apply(X);
  CHECK(std::memcmp(X.memptr(), split.test.X.memptr(), X.n_elem * sizeof(double)) == 0);
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

TEST_CASE("CsvDataset: a missing file or a folder is a ConfigError at its key", "[dataset][csv]") {
  TempDir dir;
  dir.write("train.csv", good_test);
  std::filesystem::create_directory(dir.path() / "folder.csv");
  const std::string missing = "{plugin: csv, train: train.csv, test: nope.csv}";
  REQUIRE_THROWS_AS(make_dataset(missing, dir.path()), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(make_dataset(missing, dir.path()),
                      EndsWith(": dataset.test: expected an existing CSV file (no file " +
                               (dir.path() / "nope.csv").string() + "), got 'nope.csv'"));
  const std::string folder = "{plugin: csv, train: folder.csv, test: train.csv}";
  REQUIRE_THROWS_AS(make_dataset(folder, dir.path()), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(make_dataset(folder, dir.path()),
                      EndsWith(": dataset.train: expected a CSV file, not a folder (" +
                               (dir.path() / "folder.csv").string() +
                               " is a folder), got 'folder.csv'"));
}

TEST_CASE("CsvDataset: a single class or a file without header is a DataError", "[dataset][csv]") {
  TempDir dir;
  REQUIRE_THROWS_MATCHES(load(dir, "x,y\n1,0\n", "x,y\n2,0\n"), nnlab::DataError,
                         Message((dir.path() / "train.csv").string() + ", " +
                                 (dir.path() / "test.csv").string() +
                                 ": column 'y': 1 class(es) found ('0'), expected at least 2"));
  REQUIRE_THROWS_MATCHES(load(dir, "1,2,0\n3,4,1\n", good_test), nnlab::DataError,
                         Message((dir.path() / "train.csv").string() +
                                 ":1: expected a header line of column names (such as y), got "
                                 "numbers: 1, 2, 0; add a first line naming the columns"));
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
                      Contains("dataset: missing key 'train' (a path: CSV file of the training "
                               "samples; or give one file as `file` with test_fraction)"));
  REQUIRE_THROWS_WITH(make_dataset("{plugin: csv, train: train.csv}", dir.path()),
                      Contains("dataset: missing key 'test'"));
  for (const std::string key :
       {"test_fraction: 0.5", "stratify: false", "shuffle: true", "seed: 3"}) {
    CAPTURE(key);
    const std::string name = key.substr(0, key.find(':'));
    REQUIRE_THROWS_WITH(load(dir, good_test, good_test, ", " + key),
                        Contains("dataset." + name + ": expected no " + name +
                                 " with train and test files (only for splitting `file`)"));
  }
}

TEST_CASE("CsvDataset: reads the shipped XOR data", "[dataset][csv]") {
  const auto split =
      make_dataset("{plugin: csv, train: data/xor_train.csv, test: data/xor_test.csv}")->load();
  nnlab::test::check_plane_split(split, 1000, 500);
}

TEST_CASE("CsvDataset: a validation file gives the validation set, read like the test file",
          "[dataset][csv][validation]") {
  TempDir dir;
  dir.write("valid.csv", "y,a\nc,9\na,-1\n");
  // Labels numbered over every file ('c' only in the validation file), standardised with
  // the train file's mean and std.
  const auto split =
      load(dir, "a,y\n1,a\n3,b\n", "a,y\n2,b\n", ", validation: valid.csv, standardize: true");
  CHECK(split.class_names == std::vector<std::string>{"a", "b", "c"});
  CHECK(arma::approx_equal(split.valid.y, arma::rowvec{2.0, 0.0}, "absdiff", 0.0));
  // a: train mean 2, std 1.
  CHECK(arma::approx_equal(split.valid.X, arma::mat{{7.0, -3.0}}, "absdiff", 1e-15));
  REQUIRE(split.test.X.n_cols == 1);
  CHECK(split.test.X(0, 0) == 0.0);
  // Without one, there is no validation set.
  const auto none = load(dir, "a,y\n1,a\n3,b\n", "a,y\n2,b\n");
  CHECK(none.valid.X.n_cols == 0);
  CHECK(none.valid.y.n_elem == 0);
  // A missing validation file is named at its key.
  CHECK_THROWS_WITH(load(dir, "a,y\n1,a\n3,b\n", "a,y\n2,b\n", ", validation: nope.csv"),
                    EndsWith(": dataset.validation: expected an existing CSV file (no file " +
                             (dir.path() / "nope.csv").string() + "), got 'nope.csv'"));
  // Its columns must be those of the train file.
  dir.write("valid.csv", "y,b\na,1\n");
  CHECK_THROWS_MATCHES(
      load(dir, "a,y\n1,a\n3,b\n", "a,y\n2,b\n", ", validation: valid.csv"), nnlab::DataError,
      Message((dir.path() / "valid.csv").string() + ":1: no column 'a'; columns: y, b"));
}
