#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <sstream>
#include <tuple>

#include "nnlab/storage/run_store.hpp"
#include "nnlab/train/series.hpp"
#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nnlab::test::read_text;
using nnlab::test::run_runner;
using nnlab::test::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path data = fs::path(NNLAB_SOURCE_DIR) / "data";

/// An experiment on the XOR files, standardised by the csv plugin (so predict must apply the
/// stored scaler), with `body`'s model, optimizer and training.
std::string xor_standardised(const std::string& name, const std::string& body) {
  return "name: " + name +
         "\nseed: 42\ndataset: {plugin: csv, train: " + (data / "xor_train.csv").string() +
         ", test: " + (data / "xor_test.csv").string() +
         ", standardize: true}\nloss: {plugin: binary_cross_entropy}\n" + body;
}

/// Trains `yaml` into dir/out and returns the store's only run.
nnlab::RunRecord train(const TempDir& dir, const fs::path& yaml, const std::string& name) {
  const auto done = run_runner("'" + yaml.string() + "' --out '" + (dir.path() / "out").string() +
                               "' --no-plots --quiet --jobs 1");
  INFO(done.output);
  REQUIRE(done.status == 0);
  const auto store = nnlab::RunStore::open_read_only(dir.path() / "out" / name / "runs.h5");
  REQUIRE(store.run_ids().size() == 1);
  return store.read_run(store.run_ids().front());
}

/// The value printed as "<name>: <value> (" by runner predict, read back to the bit.
double printed(const std::string& output, const std::string& name) {
  const std::regex line("(^|\n)" + name + ": ([^ \n]+) \\(");
  std::smatch match;
  REQUIRE(std::regex_search(output, match, line));
  const std::string text = match[2].str(); // kept: `end` points into it
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  REQUIRE(*end == '\0');
  return value;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');)
    fields.push_back(field);
  return fields;
}

/// The value of `column` in summary.csv's row of run `id`, read back to the bit.
double summary_value(const fs::path& csv, const std::string& id, const std::string& column) {
  const auto lines = lines_of(read_text(csv));
  REQUIRE(lines.size() >= 2);
  const auto header = fields_of(lines[0]);
  const auto at = std::find(header.begin(), header.end(), column);
  REQUIRE(at != header.end());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto fields = fields_of(lines[i]);
    if (fields.at(0) != id) continue;
    const std::string text = fields.at(static_cast<std::size_t>(at - header.begin()));
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    REQUIRE(*end == '\0');
    return value;
  }
  FAIL("no row of run " << id << " in " << csv);
  return 0.0;
}

} // namespace

TEST_CASE("RunnerPredict: an early-stopped run's test file gives its stored final accuracy and "
          "cost, bit for bit",
          "[runner][predict]") {
  // Stopped by early stopping with restore_best (the default), a run stores the weights its
  // best iteration's test pass used, so predict must give that pass's numbers exactly.
  TempDir dir;
  const auto yaml = dir.write(
      "stop.yaml", xor_standardised("stop", "model: {layers: [3, 2, 1]}\noptimizer: {plugin: sgd, "
                                            "learning_rate: 0.05}\ntraining: {iterations: 500, "
                                            "early_stopping: {patience: 3, min_delta: 0.5}}\n"));
  const nnlab::RunRecord run = train(dir, yaml, "stop");
  REQUIRE(run.iterations_done == 4); // the first sets the best, 3 more without improvement
  REQUIRE_FALSE(run.scaler.empty());
  const fs::path store = dir.path() / "out/stop/runs.h5";
  const auto predicted =
      run_runner("predict '" + store.string() + ":1' '" + (data / "xor_test.csv").string() +
                 "' --out '" + (dir.path() / "p.csv").string() + "'");
  INFO(predicted.output);
  REQUIRE(predicted.status == 0);
  REQUIRE(run.best_iteration >= 1);
  REQUIRE(run.restored_iteration == run.best_iteration);
  const arma::uword best = run.best_iteration - 1;
  CHECK(same_bits(printed(predicted.output, "accuracy"), run.series.accuracy_test[best]));
  CHECK(same_bits(printed(predicted.output, "cost"), run.series.cost_test[best]));
  CHECK_THAT(predicted.output, Contains("(binary_cross_entropy)"));
  // The store's final values, and summary.csv's, are that network's.
  const fs::path summary = dir.path() / "out/stop/summary.csv";
  for (const char* metric : {"accuracy_test", "cost_test"}) {
    CAPTURE(metric);
    const double value = printed(predicted.output, metric[0] == 'a' ? "accuracy" : "cost");
    CHECK(same_bits(value, run.evaluation.final_value(metric)));
    CHECK(same_bits(value, summary_value(summary, run.id, metric)));
  }
}

TEST_CASE("RunnerPredict: a run trained to its end: its test file gives the store's and "
          "summary.csv's final accuracy and cost, bit for bit",
          "[runner][predict]") {
  // A series entry is computed before its iteration's update, the stored weights after the
  // last one: the run's final values are those of the stored weights (its evaluation),
  // which are predict's numbers and the first entries of a run warm-started from them.
  TempDir dir;
  const std::string model = "model: {layers: [3, 2, 1], init: {kind: uniform, low: -1, high: 1}}"
                            "\noptimizer: {plugin: momentum, learning_rate: 0.1}\n";
  const auto first =
      dir.write("first.yaml", xor_standardised("first", model + "training: {iterations: 40}\n"));
  const nnlab::RunRecord a = train(dir, first, "first");
  REQUIRE(a.iterations_done == 40);
  REQUIRE_FALSE(a.restored_iteration);
  const fs::path store = dir.path() / "out/first/runs.h5";
  const fs::path summary = dir.path() / "out/first/summary.csv";
  const auto next =
      dir.write("next.yaml",
                xor_standardised("next", "model: {layers: [3, 2, 1], init: {kind: file, path: " +
                                             store.string() + ", group: /runs/" + a.id +
                                             "/weights}}\noptimizer: {plugin: sgd, learning_rate: "
                                             "0.1}\ntraining: {iterations: 1}\n"));
  const nnlab::RunRecord b = train(dir, next, "next");

  const auto predicted = run_runner("predict '" + store.string() + ":" + a.id.substr(0, 6) + "' '" +
                                    (data / "xor_test.csv").string() + "'");
  INFO(predicted.output);
  REQUIRE(predicted.status == 0);
  const auto on_train =
      run_runner("predict '" + store.string() + ":1' '" + (data / "xor_train.csv").string() + "'");
  INFO(on_train.output);
  REQUIRE(on_train.status == 0);
  for (const auto& [metric, output, word] :
       {std::tuple{"accuracy_test", &predicted.output, "accuracy"},
        std::tuple{"cost_test", &predicted.output, "cost"},
        std::tuple{"accuracy_train", &on_train.output, "accuracy"},
        std::tuple{"cost_train", &on_train.output, "cost"}}) {
    CAPTURE(metric);
    const double value = printed(*output, word);
    CHECK(same_bits(value, a.evaluation.final_value(metric)));
    CHECK(same_bits(value, summary_value(summary, a.id, metric)));
    const nnlab::SeriesSpec& series = nnlab::series_named(metric);
    CHECK(same_bits(value, (b.series.*series.recorded)[0]));
  }
  // The series stay as measured: 40 values, the last one before the 40th update.
  CHECK(a.series.cost_test.n_elem == 40);
  CHECK_FALSE(same_bits(a.series.cost_test[39], a.evaluation.final_value("cost_test")));
}

TEST_CASE("RunnerPredict: features by name in any order, other columns kept, class names out",
          "[runner][predict]") {
  // Named classes, a label column called `kind`, and standardisation: the file predicted
  // has its columns shuffled, an id column, and quoted text.
  TempDir dir;
  const std::string train_csv = "x1,x2,kind\n-2,-1.5,blue\n-1,-2,blue\n-1.5,-0.5,blue\n"
                                "2,1.5,red\n1,2,red\n1.5,0.5,red\n";
  dir.write("train.csv", train_csv);
  dir.write("test.csv", "x1,x2,kind\n-1,-1,blue\n1,1,red\n");
  const auto yaml = dir.write(
      "named.yaml",
      "name: named\nseed: 1\ndataset: {plugin: csv, train: train.csv, test: test.csv, label: "
      "kind, standardize: true}\nmodel: {layers: [2], output_activation: softmax}\nloss: "
      "{plugin: categorical_cross_entropy}\noptimizer: {plugin: sgd, learning_rate: 0.5}\n"
      "training: {iterations: 50}\n");
  train(dir, yaml, "named");
  const fs::path store = dir.path() / "out/named/runs.h5";

  const auto in_order = dir.write("in_order.csv", "x1,x2\n-1,-1\n1,1\n0.5,-0.25\n");
  const auto shuffled =
      dir.write("shuffled.csv",
                "id,x2,\"note, quoted\",x1\n7,-1,\"a \"\"b\"\"\",-1\n8,1,,1\n9,-0.25,c,0.5\n");
  const auto plain = run_runner("predict '" + store.string() + ":1' '" + in_order.string() + "'");
  const auto other = run_runner("predict '" + store.string() + ":1' '" + shuffled.string() +
                                "' --out '" + (dir.path() / "out.csv").string() + "'");
  INFO(plain.output << other.output);
  REQUIRE(plain.status == 0);
  REQUIRE(other.status == 0);
  // Without the label column: no metrics, said on stderr (merged into the output here).
  CHECK_THAT(plain.output, Contains("no column 'kind' (the run's labels)"));
  CHECK_THAT(other.output,
             StartsWith("wrote " + (dir.path() / "out.csv").string() + ": 3 samples of "));

  const auto a = lines_of(plain.output);
  const auto b = lines_of(read_text(dir.path() / "out.csv"));
  REQUIRE(b.size() == 4);
  CHECK(a.at(0) == "x1,x2,p_blue,p_red,predicted");
  CHECK(b.at(0) == "id,x2,\"note, quoted\",x1,p_blue,p_red,predicted");
  CHECK_THAT(b.at(1), StartsWith("7,-1,\"a \"\"b\"\"\",-1,"));
  for (std::size_t i = 1; i <= 3; ++i) {
    // The same probabilities and class whatever the columns' order.
    const std::string tail_a = a.at(i).substr(a.at(i).find(',', a.at(i).find(',') + 1) + 1);
    CHECK_THAT(b.at(i), Catch::Matchers::EndsWith("," + tail_a));
  }
  CHECK_THAT(a.at(1), Catch::Matchers::EndsWith(",blue"));
  CHECK_THAT(a.at(2), Catch::Matchers::EndsWith(",red"));

  // With the label column, in another spelling of the same file: accuracy and cost.
  const auto labelled =
      dir.write("labelled.csv", "kind,x1,x2\nblue,-1,-1\nred,1,1\nred,-1,-1\nblue,-1,-1\n");
  const auto scored = run_runner("predict '" + store.string() + ":1' '" + labelled.string() + "'");
  INFO(scored.output);
  REQUIRE(scored.status == 0);
  CHECK_THAT(scored.output, Contains("\naccuracy: 0.75 (3 of 4 right)\n"));
  CHECK(printed(scored.output, "cost") > 0.0);
}
