#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/report/store_comparison.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

nnlab::StoredRun make_run(const std::string& optimizer, const std::string& rate,
                          arma::vec cost_test, nnlab::RunStatus status = nnlab::RunStatus::done) {
  const std::string yaml = "optimizer: {plugin: " + optimizer + ", learning_rate: " + rate + "}\n";
  nnlab::RunRecord record;
  record.series.cost_test = std::move(cost_test);
  record.series.accuracy_test = arma::vec(record.series.cost_test.n_elem, arma::fill::ones);
  record.status = status;
  return {std::move(record), nnlab::parse_yaml(yaml, "test")};
}

nnlab::StoredExperiment make_store(const std::string& store, std::vector<nnlab::StoredRun> runs) {
  nnlab::StoredExperiment experiment;
  experiment.store = store;
  experiment.name = std::filesystem::path(store).parent_path().filename().string();
  experiment.runs = std::move(runs);
  return experiment;
}

/// "Before": sgd and adam, two seeds each. "After": the same two groups, adam faster, and
/// one sgd run diverged.
std::vector<nnlab::StoredExperiment> before_and_after() {
  return {
      make_store("results/before/runs.h5",
                 {make_run("sgd", "0.1", {9, 4, 3}), make_run("sgd", "0.1", {8, 2, 1}),
                  make_run("adam", "0.1", {2, 1, 0.5}), make_run("adam", "0.1", {1, 0.9, 0.4})}),
      make_store("results/after/runs.h5",
                 {make_run("sgd", "0.1", {9, 4, 3}),
                  make_run("sgd", "0.1", {9, NAN, NAN}, nnlab::RunStatus::diverged),
                  make_run("adam", "0.1", {0.5, 0.2, 0.1}),
                  make_run("adam", "0.1", {0.9, 0.3, 0.2})})};
}

} // namespace

TEST_CASE("StoreComparison: groups of the same label in two stores, one colour, a dash each",
          "[report][compare]") {
  const auto comparison = nnlab::compare_stores(before_and_after(), {});
  CHECK(comparison.stores == std::vector<std::string>{"before", "after"});
  CHECK(comparison.keys == std::vector<std::string>{"optimizer.plugin"});
  CHECK(comparison.metric == "cost_test");
  REQUIRE(comparison.groups.size() == 4);
  const auto& sgd_before = comparison.groups[0];
  const auto& adam_before = comparison.groups[1];
  const auto& sgd_after = comparison.groups[2];
  const auto& adam_after = comparison.groups[3];
  CHECK(sgd_before.label == "before: sgd");
  CHECK(adam_after.label == "after: adam");
  CHECK(sgd_after.group == "sgd");
  CHECK(sgd_before.colour == sgd_after.colour);
  CHECK(adam_before.colour == adam_after.colour);
  CHECK(sgd_before.colour != adam_before.colour);
  CHECK(sgd_before.curve.dash == 1);
  CHECK(sgd_after.curve.dash == 2);
  CHECK(adam_after.curve.label == "after: adam");
  REQUIRE(adam_after.accuracy);
  CHECK(adam_after.accuracy->dash == 2);

  // Medians of the series, iteration by iteration, over the group's runs.
  CHECK(arma::approx_equal(adam_after.curve.median, arma::vec{0.7, 0.25, 0.15}, "absdiff", 1e-15));
  CHECK(arma::approx_equal(adam_after.curve.min, arma::vec{0.5, 0.2, 0.1}, "absdiff", 0));
  // A diverged run's NaN does not count; it is counted as diverged.
  CHECK(sgd_after.diverged == 1);
  CHECK(sgd_after.runs == 2);
  CHECK(sgd_after.median_final == 3.0);
  CHECK(sgd_before.median_final == 2.0);
  CHECK_THAT(adam_after.median_final, Catch::Matchers::WithinAbs(0.15, 1e-15));
}

TEST_CASE("StoreComparison: iterations to a target, the median counting never as last",
          "[report][compare]") {
  // Default target: 10x the best final over both stores (0.1 in "after").
  const auto comparison = nnlab::compare_stores(before_and_after(), {});
  CHECK_THAT(comparison.target, Catch::Matchers::WithinAbs(1.0, 1e-15));
  CHECK(comparison.default_target);
  const auto& groups = comparison.groups;
  CHECK(groups[0].reached == 1);                  // sgd before: 8, 2, 1 reaches 1 at iteration 3
  CHECK(std::isinf(groups[0].median_iterations)); // half never: "never"
  CHECK(groups[1].reached == 2); // adam before: 2, 1, 0.5 at iteration 2; 1, 0.9, 0.4 at 1
  CHECK(groups[1].median_iterations == 1.5);
  CHECK(groups[3].median_iterations == 1.0); // adam after: 0.5 and 0.9 at iteration 1
  CHECK(groups[3].speed.reached == std::vector<double>{1, 1});

  nnlab::ComparisonOptions options;
  options.target = 3.0;
  const auto at_three = nnlab::compare_stores(before_and_after(), options);
  CHECK_FALSE(at_three.default_target);
  CHECK(at_three.groups[0].median_iterations == 2.5); // iterations 3 and 2
  // 3, and never for the diverged run: half never get there
  CHECK(std::isinf(at_three.groups[2].median_iterations));
  CHECK(at_three.groups[2].reached == 1);

  std::ostringstream table;
  nnlab::print_comparison_table(at_three, table);
  CHECK_THAT(table.str(), StartsWith("store   group  runs  final cost_test  iterations to <= 3  "
                                     "diverged  failed\n"
                                     "before  sgd       2                2           2.5 (2/2)"
                                     "         0       0\n"));
  CHECK_THAT(table.str(), Contains("\nafter   sgd       2                3         never (1/2)"
                                   "         1       0\n"));
  const auto rows = nnlab::comparison_rows(comparison);
  REQUIRE(rows.size() == 5);
  CHECK(rows[1][4] == "never (1/2)");
}

TEST_CASE("StoreComparison: stores of the same folder name are named by their parents",
          "[report][compare]") {
  auto stores = before_and_after();
  stores[0].store = "a/momentum/runs.h5";
  stores[1].store = "b/momentum/runs.h5";
  const auto comparison = nnlab::compare_stores(stores, {});
  CHECK(comparison.stores == std::vector<std::string>{"a/momentum", "b/momentum"});
  CHECK(comparison.groups[0].label == "a/momentum: sgd");
}

TEST_CASE("StoreComparison: each store is grouped by the keys it has", "[report][compare]") {
  // One store sweeps the optimizer, the other the learning rate: both keys group, and a
  // store without a key's variation still shows its value.
  const auto comparison = nnlab::compare_stores(
      {make_store("r/optimizers/runs.h5",
                  {make_run("sgd", "0.1", {1, 0.5}), make_run("adam", "0.1", {1, 0.2})}),
       make_store("r/rates/runs.h5",
                  {make_run("sgd", "0.1", {1, 0.4}), make_run("sgd", "1", {1, 0.3})})},
      {});
  CHECK(comparison.keys == std::vector<std::string>{"optimizer.plugin", "optimizer.learning_rate"});
  REQUIRE(comparison.groups.size() == 4);
  CHECK(comparison.groups[0].label == "optimizers: sgd learning_rate=0.1");
  CHECK(comparison.groups[2].label == "rates: sgd learning_rate=0.1");
  CHECK(comparison.groups[0].colour == comparison.groups[2].colour);
  CHECK(comparison.groups[3].label == "rates: sgd learning_rate=1");
}

TEST_CASE("StoreComparison: bad input names the store and what was expected", "[report][compare]") {
  auto stores = before_and_after();
  nnlab::ComparisonOptions options;
  options.group_by = {"optimizer.lr"};
  REQUIRE_THROWS_WITH(nnlab::compare_stores(stores, options),
                      StartsWith("results/before/runs.h5: group key 'optimizer.lr' is not in "
                                 "the runs' config; keys: optimizer.plugin"));
  options = {};
  options.metric = "accuracy_train";
  REQUIRE_THROWS_WITH(nnlab::compare_stores(stores, options),
                      "results/before/runs.h5: metric 'accuracy_train' is not stored; stored: "
                      "cost_test, accuracy_test");
  options.metric = "accuracy_test";
  options.target = 0.9;
  REQUIRE_THROWS_WITH(nnlab::compare_stores(stores, options),
                      "--target: iterations to a target are counted for a cost, and the metric "
                      "is accuracy_test");
  REQUIRE_THROWS_WITH(nnlab::compare_stores({}, {}),
                      "compare: expected one or more stores, got none");
  stores[1].runs.clear();
  REQUIRE_THROWS_WITH(nnlab::compare_stores(stores, {}), "results/after/runs.h5: no runs stored");

  const nnlab::test::TempDir dir;
  const auto file = dir.write("x/runs.h5", "");
  auto twice = before_and_after();
  twice[0].store = file;
  twice[1].store = dir.path() / "x/../x/runs.h5";
  REQUIRE_THROWS_WITH(nnlab::compare_stores(twice, {}), "compare: " + twice[1].store.string() +
                                                            ": given twice (also as " +
                                                            file.string() + ")");
}

TEST_CASE("StoreComparison: runs not split into groups are named and coloured by store",
          "[report][compare]") {
  const auto comparison =
      nnlab::compare_stores({make_store("r/xor/runs.h5", {make_run("sgd", "0.1", {1, 0.5}),
                                                          make_run("sgd", "0.1", {1, 0.3})}),
                             make_store("r/xor_short/runs.h5", {make_run("sgd", "0.1", {1, 0.4})})},
                            {});
  CHECK(comparison.keys.empty());
  REQUIRE(comparison.groups.size() == 2);
  CHECK(comparison.groups[0].label == "xor");
  CHECK(comparison.groups[0].group == "all runs");
  CHECK(comparison.groups[1].label == "xor_short");
  CHECK(comparison.groups[0].colour != comparison.groups[1].colour);
  CHECK(comparison.groups[0].runs == 2);
  CHECK_THAT(comparison.groups[0].median_final, Catch::Matchers::WithinAbs(0.4, 1e-15));
}

TEST_CASE("StoreComparison: runs without results are in no group and listed with their message",
          "[report][compare]") {
  auto stores = before_and_after();
  nnlab::StoredRun failed = make_run("adam", "0.1", {}, nnlab::RunStatus::failed);
  failed.record.id = "f00d";
  failed.record.index = 4;
  failed.record.label = "adam";
  failed.record.seed = 2;
  failed.record.message = "building the network: out of memory (std::bad_alloc)";
  stores[1].without_results.push_back(failed);
  const auto comparison = nnlab::compare_stores(stores, {});
  REQUIRE(comparison.groups.size() == 4);
  CHECK(comparison.groups[3].label == "after: adam");
  CHECK(comparison.groups[3].runs == 2); // the failed run is not counted in
  CHECK(comparison.groups[3].failed == 0);
  REQUIRE(comparison.left_out.size() == 1);
  CHECK(comparison.left_out[0].store == 1);
  CHECK(comparison.left_out[0].run.id == "f00d");
  CHECK_FALSE(comparison.left_out[0].run.has_results);
  std::ostringstream table;
  nnlab::print_comparison_table(comparison, table);
  CHECK_THAT(table.str(),
             Contains("\n1 run has no results (left out of the groups):\n  after: run 5 (f00d, "
                      "adam seed=2): failed: building the network: out of memory "
                      "(std::bad_alloc)\n"));
  // The rows of the table are the groups alone.
  CHECK(nnlab::comparison_rows(comparison).size() == 5);

  // A store whose every run is without results has nothing to compare: it is named.
  stores[1].runs.clear();
  REQUIRE_THROWS_WITH(nnlab::compare_stores(stores, {}),
                      "results/after/runs.h5: no run has results to compare; run 5 (f00d, adam "
                      "seed=2): failed: building the network: out of memory (std::bad_alloc)");
}

TEST_CASE("StoreComparison: one store compares its own groups, named by group alone",
          "[report][compare]") {
  const auto comparison = nnlab::compare_stores({before_and_after()[0]}, {});
  CHECK(comparison.stores == std::vector<std::string>{"before"});
  REQUIRE(comparison.groups.size() == 2);
  CHECK(comparison.groups[0].label == "sgd");
  CHECK(comparison.groups[1].label == "adam");
  CHECK(comparison.groups[1].run_indices == std::vector<std::size_t>{2, 3});
}
