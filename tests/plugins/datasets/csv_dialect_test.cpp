#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nnlab/core/error.hpp"
#include "support/plugins.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::Message;
using nnlab::test::make_dataset;
using nnlab::test::TempDir;

// The csv dataset on files as R, pandas, spreadsheets and European locales write them; the
// tokenizer's own cases are in tests/framework/core/csv_reader_test.cpp.

namespace {

/// Loads `text` as both the train and the test file, with the YAML keys in `extra`.
nnlab::DataSplit load(const TempDir& dir, const std::string& text, const std::string& extra = "") {
  dir.write("d.csv", text);
  return make_dataset("{plugin: csv, train: d.csv, test: d.csv" + extra + "}", dir.path())->load();
}

} // namespace

TEST_CASE("CsvDataset: files as users have them read as the plain file does", "[dataset][csv]") {
  const std::string plain = "x1,x2,y\n0.5,1,0\n2,-3,1\n4,5,1\n";
  auto [what, text, extra] = GENERATE(table<std::string, std::string, std::string>({
      {"R's write.csv: every name and label quoted",
       "\"x1\",\"x2\",\"y\"\n0.5,1,\"0\"\n2,-3,\"1\"\n4,5,\"1\"\n", ""},
      {"pandas QUOTE_ALL",
       "\"x1\",\"x2\",\"y\"\n\"0.5\",\"1\",\"0\"\n\"2\",\"-3\",\"1\"\n\"4\",\"5\","
       "\"1\"\n",
       ""},
      {"pandas float labels", "x1,x2,y\n0.5,1,0.0\n2,-3,1.0\n4,5,1.00\n", ""},
      {"float labels, label_type integer", "x1,x2,y\n0.5,1,0.0\n2,-3,1e0\n4,5,+1.0\n",
       ", label_type: integer"},
      {"Excel: byte-order mark and CRLF", "\xEF\xBB\xBFx1,x2,y\r\n0.5,1,0\r\n2,-3,1\r\n4,5,1\r\n",
       ""},
      {"trailing blank lines", "x1,x2,y\n0.5,1,0\n2,-3,1\n4,5,1\n\n\r\n\n", ""},
      {"semicolons", "x1;x2;y\n0.5;1;0\n2;-3;1\n4;5;1\n", ", delimiter: semicolon"},
      {"tabs", "x1\tx2\ty\n0.5\t1\t0\n2\t-3\t1\n4\t5\t1\n", ", delimiter: tab"},
      {"pipes", "x1|x2|y\n0.5|1|0\n2|-3|1\n4|5|1\n", ", delimiter: pipe"},
      {"a quoted name holding the delimiter is only a name",
       "x1,x2,y,\"a;b\"\n0.5,1,0,x\n2,-3,1,x\n4,5,1,x\n", ", features: [x1, x2]"},
  }));
  CAPTURE(what);
  TempDir dir;
  const nnlab::DataSplit expected = load(dir, plain);
  const nnlab::DataSplit split = load(dir, text, extra);
  CHECK(split.feature_names == expected.feature_names);
  CHECK(split.class_names == expected.class_names);
  CHECK(arma::approx_equal(split.train.X, expected.train.X, "absdiff", 0.0));
  CHECK(arma::approx_equal(split.train.y, expected.train.y, "absdiff", 0.0));
}

TEST_CASE("CsvDataset: quoted cells may hold commas, quotes and line breaks", "[dataset][csv]") {
  TempDir dir;
  const auto split = load(dir,
                          "\"size, cm\",species\n"
                          "1,\"iris \"\"setosa\"\"\"\n"
                          "2,\"iris,\nversicolor\"\n"
                          "3,\"iris \"\"setosa\"\"\"\n",
                          ", label: species");
  CHECK(split.feature_names == std::vector<std::string>{"size, cm"});
  CHECK(split.class_names == std::vector<std::string>{"iris \"setosa\"", "iris,\nversicolor"});
  CHECK(arma::approx_equal(split.train.y, arma::rowvec{0.0, 1.0, 0.0}, "absdiff", 0.0));
  // A record that spans two lines moves the lines of those after it: errors still say where.
  REQUIRE_THROWS_MATCHES(
      load(dir, "x,y\n1,\"a\nb\"\n2,\n"), nnlab::DataError,
      Message((dir.path() / "d.csv").string() + ":4: column 'y': expected a class label, got ''"));
  REQUIRE_THROWS_MATCHES(
      load(dir, "x,y\n\"1\n\",0\n"), nnlab::DataError,
      Message((dir.path() / "d.csv").string() + ":2: column 'x': expected a number, got '1\\n'"));
}

TEST_CASE("CsvDataset: integral floats are integer labels, other floats are not",
          "[dataset][csv]") {
  TempDir dir;
  const auto split = load(dir, "x,y\n1,2.00\n2,0.0\n3,-1.0\n4,2\n5,0\n");
  CHECK(split.class_names == std::vector<std::string>{"-1", "0", "2"});
  CHECK(arma::approx_equal(split.train.y, arma::rowvec{2.0, 1.0, 0.0, 2.0, 1.0}, "absdiff", 0.0));
  const std::string at = (dir.path() / "d.csv").string();
  auto [text, extra, error] = GENERATE(table<std::string, std::string, std::string>({
      {"x,y\n1,0.0\n2,1.5\n", "",
       ":3: column 'y': expected an integer class label or a class name, got '1.5'; label_type: "
       "string reads numbers as names"},
      {"x,y\n1,0.0\n2,1.000001\n", ", label_type: integer",
       ":3: column 'y': expected an integer class label, got '1.000001'"},
      {"x,y\n1,0\n2,1e300\n", ", label_type: integer",
       ":3: column 'y': expected an integer class label, got '1e300'"},
  }));
  CAPTURE(text, extra);
  REQUIRE_THROWS_MATCHES(load(dir, text, extra), nnlab::DataError, Message(at + error));
}

TEST_CASE("CsvDataset: another delimiter in the header is refused, naming it and the key",
          "[dataset][csv]") {
  TempDir dir;
  const std::string at = (dir.path() / "d.csv").string();
  auto [text, extra, error] = GENERATE(table<std::string, std::string, std::string>({
      {"x1;x2;y\n1;2;0\n", "",
       ":1: expected column names separated by ',', found ';' in the header ('x1;x2;y'): set "
       "dataset.delimiter: semicolon to read this file (the default is comma)"},
      {"x1\tx2\ty\n1\t2\t0\n", "",
       ":1: expected column names separated by ',', found a tab in the header ('x1\\tx2\\ty'): set "
       "dataset.delimiter: tab to read this file (the default is comma)"},
      {"x1,x2;y\n1,2;0\n", "",
       ":1: expected column names separated by ',', found ';' in the header ('x2;y'): set "
       "dataset.delimiter: semicolon to read this file (the default is comma)"},
      {"x1|x2|y\n1|2|0\n", "",
       ":1: expected column names separated by ',', found '|' in the header ('x1|x2|y'): set "
       "dataset.delimiter: pipe to read this file (the default is comma)"},
      {"x1,x2,y\n1,2,0\n", ", delimiter: semicolon",
       ":1: expected column names separated by ';', found ',' in the header ('x1,x2,y'): set "
       "dataset.delimiter: comma to read this file"},
  }));
  CAPTURE(text, extra);
  REQUIRE_THROWS_MATCHES(load(dir, text, extra), nnlab::DataError, Message(at + error));
}

TEST_CASE("CsvDataset: delimiter is one of its names", "[dataset][csv]") {
  TempDir dir;
  REQUIRE_THROWS_AS(load(dir, "x,y\n1,0\n", ", delimiter: ';'"), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(load(dir, "x,y\n1,0\n", ", delimiter: ';'"),
                      Contains("dataset.delimiter: expected one of comma, pipe, semicolon, tab, "
                               "got ';'"));
  REQUIRE_THROWS_WITH(load(dir, "x,y\n1,0\n", ", delimiter: tabs"),
                      Contains("got 'tabs'; did you mean 'tab'?"));
}

TEST_CASE("CsvDataset: a broken quote names the file and the line", "[dataset][csv]") {
  TempDir dir;
  REQUIRE_THROWS_MATCHES(load(dir, "x,y\n1,0\n2,\"1\n3,0\n"), nnlab::DataError,
                         Message((dir.path() / "d.csv").string() +
                                 ":3: field 2: a quoted field starts here and never ends (no "
                                 "closing '\"' before the end of the file)"));
}
