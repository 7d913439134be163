#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "framework/storage/store_checks.hpp"
#include "nnlab/storage/run_overview.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/temp_dir.hpp"

namespace {
using namespace nnlab;

/// NaN equals NaN; everything else bit for bit.
bool same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

void check_same_ends(const std::vector<SeriesEnd>& back, const std::vector<SeriesEnd>& ends) {
  REQUIRE(back.size() == stored_series().size());
  REQUIRE(ends.size() == back.size());
  for (std::size_t s = 0; s < ends.size(); ++s) {
    CAPTURE(stored_series()[s].name);
    CHECK(back[s].length == ends[s].length);
    CHECK(same(back[s].last, ends[s].last));
    CHECK(same(back[s].final_net, ends[s].final_net));
  }
}

/// Three runs that take each way to a final value: the evaluation's, the restored
/// iteration's, the last; one with a validation set, one with empty series.
std::vector<RunRecord> sample_runs() {
  RunRecord evaluated = test::numbered_run(1, 9);
  evaluated.series.cost_valid = arma::linspace(2.0, 1.0, 9);
  evaluated.evaluation.finals = {{"cost_test", 0.125}, {"accuracy_test", 0.75}};
  SplitEvaluation split;
  split.split = "test";
  split.confusion = {{3, 1}, {0, 4}};
  split.precision = split.recall = split.f1 = {0.5, 1.0};
  split.support = {4, 4};
  split.accuracy = 0.875;
  split.f1_score = 0.8;
  split.roc = {{0.0, 0.0}, {1.0, 1.0}};
  split.pr = {{0.0, 1.0}, {1.0, 0.5}};
  split.roc_auc = 0.9;
  split.average_precision = 0.85;
  evaluated.evaluation.splits = {split};
  RunRecord restored = test::numbered_run(2, 7);
  restored.restored_iteration = 3;
  RunRecord empty = test::make_run("run-3", RunStatus::failed, 0);
  return {evaluated, restored, empty};
}

} // namespace

TEST_CASE("RunStore: an overview reads each run's attributes and the ends of its series, "
          "as the whole run gives them, published or in the journal",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  const std::vector<RunRecord> runs = sample_runs();
  RunStore writer = RunStore::open(file, test::store_header);
  writer.write_run(runs[0]);
  writer.publish();
  writer.write_run(runs[1]); // left in the journal
  writer.write_run(runs[2]);
  const RunStore store = RunStore::open_read_only(file);
  for (const RunRecord& run : runs) {
    CAPTURE(run.id);
    const RunOverview overview = store.read_run_overview(run.id);
    check_same_ends(overview.ends, series_ends(run));
    const RunRecord& back = overview.record;
    test::check_same_attributes(back, run);
    CHECK(back.evaluation.finals == run.evaluation.finals);
    // Not read: the values, weights, names and the evaluation's arrays.
    CHECK(back.series.cost_test.is_empty());
    CHECK(back.weights.empty());
    CHECK(back.class_names.empty());
    CHECK(back.inputs.empty());
  }
  const auto& test_split = store.read_run_overview("run-1").record.evaluation.splits;
  REQUIRE(test_split.size() == 1);
  CHECK(test_split[0].f1_score == 0.8);
  CHECK(test_split[0].roc_auc == 0.9);
  CHECK(test_split[0].confusion.is_empty());
  // The ends of each way: the evaluation's value, the restored iteration's, the last.
  CHECK(store.read_run_overview("run-1").ends[1].final_net == 0.125); // cost_test
  CHECK(store.read_run_overview("run-2").ends[1].final_net == runs[1].series.cost_test[2]);
  CHECK(store.read_run_overview("run-2").ends[0].last == runs[1].series.cost_train[6]);
  CHECK(std::isnan(store.read_run_overview("run-3").ends[0].final_net));
  CHECK_THROWS_WITH(store.read_run_overview("nope"), Catch::Matchers::EndsWith("no run 'nope'"));
}

TEST_CASE("RunStore: RunContent::series reads the series and scalars, not the weights, names "
          "or evaluation arrays",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  const std::vector<RunRecord> runs = sample_runs();
  test::write_and_publish(file, runs);
  const RunStore store = RunStore::open_read_only(file);
  const RunRecord back = store.read_run("run-1", RunContent::series);
  CHECK(arma::approx_equal(back.series.cost_test, runs[0].series.cost_test, "absdiff", 0.0));
  CHECK(arma::approx_equal(back.series.cost_valid, runs[0].series.cost_valid, "absdiff", 0.0));
  CHECK(back.evaluation.finals == runs[0].evaluation.finals);
  REQUIRE(back.evaluation.splits.size() == 1);
  CHECK(back.evaluation.splits[0].accuracy == 0.875);
  CHECK(back.evaluation.splits[0].roc.is_empty());
  CHECK(back.weights.empty());
  CHECK(back.feature_names.empty());
  CHECK(back.scaler.empty());
  // Whole, everything comes back.
  const RunRecord whole = store.read_run("run-1");
  CHECK(whole.weights.size() == runs[0].weights.size());
  REQUIRE(whole.evaluation.splits.size() == 1);
  CHECK(whole.evaluation.splits[0].confusion(0, 1) == 1);
  CHECK(whole.evaluation.splits[0].roc.n_rows == 2);
}
