#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/report/run_groups.hpp"
#include "nnlab/storage/run_store.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::WithinAbs;

namespace {

/// A run of a small sweep: optimizer plugin x learning rate, one seed.
nnlab::StoredRun make_run(std::size_t index, const std::string& optimizer, const std::string& rate,
                          std::uint64_t seed, arma::vec cost_test) {
  const std::string extra = optimizer == "sgd" ? "" : ", momentum: 0.9";
  const std::string yaml = "model: {layers: [3, 1]}\noptimizer: {plugin: " + optimizer + extra +
                           ", learning_rate: " + rate + "}\nseed: " + std::to_string(seed) + "\n";
  nnlab::RunRecord record;
  record.id = "run" + std::to_string(index);
  record.index = index;
  record.seed = seed;
  record.config_yaml = yaml;
  record.series.cost_test = std::move(cost_test);
  return {std::move(record), nnlab::parse_yaml(yaml, "test")};
}

std::vector<nnlab::StoredRun> small_sweep() {
  std::vector<nnlab::StoredRun> runs;
  std::size_t index = 0;
  for (const std::string optimizer : {"sgd", "momentum"})
    for (const std::string rate : {"0.1", "0.01"})
      for (const std::uint64_t seed : {1, 2}) {
        const double scale = static_cast<double>(index + 1);
        runs.push_back(make_run(index++, optimizer, rate, seed, {scale, scale / 2}));
      }
  return runs;
}

} // namespace

TEST_CASE("RunGroups: the default keys are the sweep's, labels name what differs", "[report]") {
  const auto runs = small_sweep();
  // optimizer.momentum varies too (absent for sgd) but optimizer.plugin determines it.
  REQUIRE(nnlab::varying_keys(runs) ==
          std::vector<std::string>{"optimizer.plugin", "optimizer.learning_rate"});
  const nnlab::RunGroups groups = nnlab::group_runs(runs, "s.h5");
  REQUIRE(groups.groups.size() == 4);
  CHECK(groups.groups[0].label == "sgd learning_rate=0.1");
  CHECK(groups.groups[3].label == "momentum learning_rate=0.01");
  CHECK(groups.groups[2].runs == std::vector<std::size_t>{4, 5});
  for (std::size_t g = 0; g < 4; ++g)
    CHECK(groups.groups[g].colour == g);
}

TEST_CASE("RunGroups: grouping by one key pools the other keys' runs", "[report]") {
  const auto groups = nnlab::group_runs(small_sweep(), "s.h5", {"optimizer.plugin"});
  REQUIRE(groups.groups.size() == 2);
  CHECK(groups.groups[0].label == "sgd");
  CHECK(groups.groups[1].runs == std::vector<std::size_t>{4, 5, 6, 7});
  const auto by_block = nnlab::group_runs(small_sweep(), "s.h5", {"model.layers"});
  REQUIRE(by_block.groups.size() == 1);
  CHECK(by_block.groups[0].label == "layers=[3, 1]");
}

TEST_CASE("RunGroups: an unknown group key names the store and the keys", "[report]") {
  REQUIRE_THROWS_WITH(nnlab::group_runs(small_sweep(), "r/runs.h5", {"optimizer.lr"}),
                      "r/runs.h5: group key 'optimizer.lr' is not in the runs' config; keys: "
                      "model.layers, optimizer.plugin, optimizer.learning_rate, seed, "
                      "optimizer.momentum");
}

TEST_CASE("RunGroups: a metric not stored names the stored ones", "[report]") {
  const auto runs = small_sweep();
  REQUIRE_NOTHROW(nnlab::require_metric(runs, "r/runs.h5", "cost_test"));
  REQUIRE_THROWS_WITH(nnlab::require_metric(runs, "r/runs.h5", "accuracy_test"),
                      "r/runs.h5: metric 'accuracy_test' is not stored; stored: cost_test");
  REQUIRE_THROWS_WITH(nnlab::require_metric(runs, "r/runs.h5", "loss"),
                      "r/runs.h5: metric 'loss' is not stored; stored: cost_test");
}

TEST_CASE("SeriesBand: median, min and max over the runs present at each iteration", "[report]") {
  const arma::vec a{1, 2, 3}, b{3, 4, std::nan("")}, c{2, 10};
  const nnlab::SeriesBand band = nnlab::series_band({&a, &b, &c});
  REQUIRE(band.median.n_elem == 3);
  CHECK(band.count[0] == 3);
  CHECK(band.median[0] == 2.0);
  CHECK(band.min[0] == 1.0);
  CHECK(band.max[0] == 3.0);
  CHECK(band.median[1] == 4.0);
  CHECK(band.max[1] == 10.0);
  CHECK(band.count[2] == 1); // c ended, b's NaN is left out
  CHECK(band.median[2] == 3.0);
  REQUIRE_THAT(nnlab::median({1, 4, 2, 3}), WithinAbs(2.5, 1e-15));
  CHECK(std::isnan(nnlab::median({})));
}

TEST_CASE("RunGroups: load_runs reads a store in sweep order", "[report]") {
  const nnlab::test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  {
    auto store = nnlab::RunStore::open(file, nnlab::StoreHeader{"name: t\n", "0", "", {}});
    auto runs = small_sweep();
    for (auto it = runs.rbegin(); it != runs.rend(); ++it)
      store.write_run(it->record);
    store.publish();
  }
  const auto loaded = nnlab::load_runs(file.string());
  REQUIRE(loaded.size() == 8);
  CHECK(loaded[5].record.index == 5);
  CHECK(nnlab::group_runs(loaded, file.string()).groups[2].label == "momentum learning_rate=0.1");
}
