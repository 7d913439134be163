#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/report/group_plots.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace {

nnlab::StoredRun make_run(const std::string& optimizer, const std::string& rate,
                          arma::vec cost_test) {
  const std::string yaml = "optimizer: {plugin: " + optimizer + ", learning_rate: " + rate + "}\n";
  nnlab::RunRecord record;
  record.series.cost_test = std::move(cost_test);
  return {std::move(record), nnlab::parse_yaml(yaml, "test")};
}

/// sgd and adam at two rates, two seeds each: final costs 4 and 2 in every cell but
/// (adam, 0.1), where one run ends at 0.5 and the other at 0.1.
std::vector<nnlab::StoredRun> runs() {
  return {make_run("sgd", "0.1", {9, 4}),    make_run("sgd", "0.1", {8, 2}),
          make_run("sgd", "1", {9, 4}),      make_run("sgd", "1", {8, 2}),
          make_run("adam", "0.1", {1, 0.5}), make_run("adam", "0.1", {0.1, 0.1}),
          make_run("adam", "1", {9, 4}),     make_run("adam", "1", {8, 2})};
}

} // namespace

TEST_CASE("GroupPlots: the heatmap holds the median final value per pair of values", "[report]") {
  const auto all = runs();
  const auto groups = nnlab::group_runs(all, "s.h5");
  const nnlab::Heatmap map = nnlab::final_value_heatmap(all, groups, "cost_test");
  CHECK(map.row_key == "optimizer.plugin");
  CHECK(map.column_key == "optimizer.learning_rate");
  CHECK(map.row_values == std::vector<std::string>{"sgd", "adam"});
  CHECK(map.column_values == std::vector<std::string>{"0.1", "1"});
  CHECK(map.value(0, 0) == 3.0);
  CHECK_THAT(map.value(1, 0), Catch::Matchers::WithinAbs(0.3, 1e-15));
  CHECK(map.value(1, 1) == 3.0);
  REQUIRE_THROWS_WITH(nnlab::final_value_heatmap(
                          all, nnlab::group_runs(all, "s.h5", {"optimizer.plugin"}), "cost_test"),
                      "s.h5: a heatmap needs two keys that vary, got 1");
}

TEST_CASE("GroupPlots: speed counts the first iteration at or below the target", "[report]") {
  const auto all = runs();
  CHECK(nnlab::default_target(all, "cost_test") == 1.0); // 10 x the best final, 0.1
  const auto speed = nnlab::speed_groups(all, nnlab::group_runs(all, "s.h5", {"optimizer.plugin"}),
                                         "cost_test", 1.0);
  REQUIRE(speed.size() == 2);
  CHECK(speed[0].label == "sgd");
  CHECK(speed[0].reached.empty());
  CHECK(speed[0].never == 4);
  CHECK(speed[1].reached == std::vector<double>{1, 1});
  CHECK(speed[1].never == 2);
}
