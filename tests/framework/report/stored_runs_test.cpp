#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/report/stored_runs.hpp"
#include "nnlab/report/sweep_summary.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/temp_dir.hpp"

namespace {

nnlab::RunRecord make_record(const std::string& id, std::size_t index, arma::vec cost_test) {
  nnlab::RunRecord record;
  record.id = id;
  record.index = index;
  record.config_yaml =
      "optimizer: {plugin: sgd, learning_rate: 0." + std::to_string(index + 1) + "}\n";
  record.series.cost_train = cost_test + 1.0;
  record.series.cost_test = std::move(cost_test);
  record.iterations_done = record.series.cost_test.n_elem;
  record.weights = {{"W1", arma::mat(2, 2, arma::fill::ones)}};
  return record;
}

} // namespace

TEST_CASE("StoredRuns: an overview keeps every series' end without the series",
          "[report][stored]") {
  const nnlab::StoredRun full(make_record("a", 0, {3, 2, 1}), nnlab::ConfigNode::map());
  const nnlab::StoredRun overview(make_record("a", 0, {3, 2, 1}), nnlab::ConfigNode::map(),
                                  nnlab::RunParts::overview);
  CHECK(full.record.series.cost_test.n_elem == 3);
  CHECK(full.record.weights.size() == 1);
  CHECK(overview.record.series.cost_test.is_empty());
  CHECK(overview.record.weights.empty());
  for (const auto* run : {&full, &overview}) {
    CHECK(nnlab::series_end(*run, "cost_test").length == 3);
    CHECK(nnlab::final_value(*run, "cost_test") == 1.0);
    CHECK(nnlab::final_value(*run, "cost_train") == 2.0);
    CHECK(std::isnan(nnlab::final_value(*run, "accuracy_test")));
    CHECK(nnlab::stores_series({*run}, "cost_test"));
    CHECK_FALSE(nnlab::stores_series({*run}, "accuracy_test"));
  }
  // The summary reads the same finals either way.
  const nnlab::RunSummary a = nnlab::summarize(full), b = nnlab::summarize(overview);
  CHECK(a.cost_test == b.cost_test);
  CHECK(a.cost_train == b.cost_train);
  CHECK(a.iterations == 3);
  REQUIRE_THROWS_WITH(nnlab::require_metric({overview}, "r/runs.h5", "accuracy_test"),
                      "r/runs.h5: metric 'accuracy_test' is not stored; stored: cost_train, "
                      "cost_test");
}

TEST_CASE("StoredRuns: a final value is the stored network's, else the restored iteration's, "
          "else the series' last",
          "[report][stored]") {
  // Without evaluation finals (a store written before them): the series' end, or the value
  // at restored_iteration, measured on exactly the weights the run stores.
  nnlab::RunRecord last = make_record("a", 0, {3, 2, 1});
  nnlab::RunRecord restored = make_record("b", 1, {3, 2, 1});
  restored.restored_iteration = 2;
  // With them: the evaluation's value wins, for each series it holds; the others fall back.
  nnlab::RunRecord evaluated = make_record("c", 2, {3, 2, 1});
  evaluated.restored_iteration = 2;
  evaluated.evaluation.finals = {{"cost_test", 0.5}};
  CHECK(nnlab::run_final_value(last, nnlab::series_named("cost_test")) == 1.0);
  CHECK(nnlab::run_final_value(restored, nnlab::series_named("cost_test")) == 2.0);
  CHECK(nnlab::run_final_value(restored, nnlab::series_named("cost_train")) == 3.0);
  CHECK(nnlab::run_final_value(evaluated, nnlab::series_named("cost_test")) == 0.5);
  CHECK(nnlab::run_final_value(evaluated, nnlab::series_named("cost_train")) == 3.0);
  CHECK(std::isnan(nnlab::run_final_value(evaluated, nnlab::series_named("cost_valid"))));
  for (const auto parts : {nnlab::RunParts::weights, nnlab::RunParts::overview}) {
    const nnlab::StoredRun run(evaluated, nnlab::ConfigNode::map(), parts);
    CHECK(nnlab::final_value(run, "cost_test") == 0.5);
    CHECK(nnlab::series_end(run, "cost_test").last == 1.0); // the series are as they were
    const nnlab::RunSummary summary = nnlab::summarize(run);
    CHECK(summary.cost_test == 0.5);
    CHECK(summary.cost_train == 3.0);
  }
}

TEST_CASE("StoredRuns: a store is read run by run, in the order asked for", "[report][stored]") {
  const nnlab::test::TempDir dir;
  const auto file = dir.path() / "exp" / "runs.h5";
  {
    auto store = nnlab::RunStore::open(
        file, nnlab::StoreHeader{"name: t\n", "0", "", {{"experiment_dir", "/data"}}});
    for (std::size_t i = 0; i < 3; ++i)
      store.write_run(make_record("run" + std::to_string(2 - i), 2 - i, {1, 0.5}));
    store.publish();
  }
  const auto all = nnlab::load_experiment_store(file, nnlab::RunParts::overview);
  CHECK(all.name == "exp");
  CHECK(all.exp_dir == "/data");
  REQUIRE(all.runs.size() == 3);
  CHECK(all.runs[0].record.id == "run0"); // sweep order
  CHECK(all.runs[2].record.id == "run2");
  // The overview keeps the config's key paths, not its parsed tree.
  CHECK(all.runs[1].config.is_null());
  CHECK(all.runs[1].leaves.value("optimizer.plugin") == "sgd");
  const auto some = nnlab::load_experiment_store(file, nnlab::RunParts::weights, {"run2", "run0"});
  REQUIRE(some.runs.size() == 2);
  CHECK(some.runs[0].config.find("optimizer") != nullptr);
  CHECK(some.runs[0].record.id == "run2"); // as given
  CHECK(some.runs[0].record.weights.size() == 1);
  REQUIRE_THROWS_AS(
      nnlab::load_experiment_store(dir.path() / "none/runs.h5", nnlab::RunParts::overview),
      nnlab::ConfigError);
  REQUIRE_THROWS_WITH(
      nnlab::load_experiment_store(dir.path() / "none/runs.h5", nnlab::RunParts::overview),
      (dir.path() / "none/runs.h5").string() + ": cannot open: no such file");
}

TEST_CASE("StoredRuns: runs without results are kept apart, each with its message",
          "[report][stored]") {
  const nnlab::test::TempDir dir;
  const auto file = dir.path() / "exp" / "runs.h5";
  {
    auto store = nnlab::RunStore::open(file, nnlab::StoreHeader{"name: t\n", "0", "", {}});
    store.write_run(make_record("good", 0, {1, 0.5}));
    // Failed while its network was built: no iteration, no series.
    nnlab::RunRecord failed = make_record("oom", 1, {});
    failed.status = nnlab::RunStatus::failed;
    failed.message = "building the network: out of memory (std::bad_alloc)";
    failed.label = "sgd";
    failed.seed = 3;
    failed.weights.clear();
    store.write_run(failed);
    // Has a train cost but no test cost where every other run has one: a gap.
    nnlab::RunRecord gap = make_record("gap", 2, {2, 1});
    gap.series.cost_test.reset();
    store.write_run(gap);
    // Diverged before its first iteration and said nothing.
    nnlab::RunRecord early = make_record("early", 3, {});
    early.status = nnlab::RunStatus::diverged;
    store.write_run(early);
    store.publish();
  }
  const auto all = nnlab::load_experiment_store(file, nnlab::RunParts::overview);
  REQUIRE(all.runs.size() == 1);
  CHECK(all.runs[0].record.id == "good");
  REQUIRE(all.without_results.size() == 3);
  CHECK(all.without_results[0].record.id == "oom"); // sweep order
  CHECK(all.without_results[1].record.id == "gap");
  CHECK(all.without_results[2].record.id == "early");
  CHECK(nnlab::left_out_line(all.without_results[0].record) ==
        "run 2 (oom, sgd seed=3): failed: building the network: out of memory (std::bad_alloc)");
  CHECK(nnlab::left_out_line(all.without_results[2].record) ==
        "run 4 (early, seed=0): diverged before its first iteration");
  // The gap is one only against the other runs: alone, a run with a train cost has results.
  CHECK(nnlab::has_results(all.without_results[1]));
  CHECK_FALSE(nnlab::has_results(all.without_results[1], nnlab::series_stored(all.runs)));
  CHECK_FALSE(nnlab::has_results(all.without_results[0]));
  CHECK(nnlab::series_stored(all.runs) ==
        std::vector<bool>{true, true, false, false, false, false});
  // Asked for by id, the same split, in the order given for the runs with results.
  const auto some = nnlab::load_experiment_store(file, nnlab::RunParts::series, {"oom", "good"});
  REQUIRE(some.runs.size() == 1);
  REQUIRE(some.without_results.size() == 1);
  CHECK(some.without_results[0].record.id == "oom");
}
