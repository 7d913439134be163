#include <catch2/catch.hpp>

#include <regex>

#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/memory_estimate.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::Matches;

namespace {

std::string experiment(const std::string& model, const std::string& optimizer,
                       const std::string& training = "{iterations: 5}") {
  return "name: m\nseed: 3\ndataset: {plugin: xor, n_samples: 40}\nmodel: " + model +
         "\nloss: {plugin: binary_cross_entropy}\noptimizer: " + optimizer +
         "\ntraining: " + training + "\n";
}

std::vector<nnlab::RunSpec> expand(const std::string& text) {
  return nnlab::expand_sweep(
      nnlab::parse_experiment(nnlab::parse_yaml(text, "m.yaml"), "m.yaml", text));
}

const nnlab::MemoryPart& part(const std::vector<nnlab::MemoryPart>& parts,
                              const std::string& starts) {
  for (const auto& p : parts)
    if (p.what.rfind(starts, 0) == 0) return p;
  FAIL("no part '" << starts << "'");
  return parts.front();
}

} // namespace

TEST_CASE("MemoryEstimate: each part follows from the sizes", "[engine][memory]") {
  const auto specs = expand(experiment("{layers: [3, 1]}", "{plugin: sgd, learning_rate: 0.1}"));
  nnlab::DatasetCache datasets(nnlab::test::registry());
  const auto run = nnlab::prepare_run(specs[0], nnlab::test::registry(), datasets);
  const nnlab::MemoryEstimate estimate = nnlab::estimate_run_memory(run);
  const std::uint64_t m_train = run.data->train.X.n_cols, m_test = run.data->test.X.n_cols;
  const std::uint64_t m = m_train + m_test, capacity = std::max(m_train, m_test);

  // 2-3-1: W1 3x2 + b1 3 + W2 1x3 + b2 1 = 13 parameters, five copies of each.
  const auto& weights = part(estimate.training, "the weights");
  CHECK(weights.what == "the weights of 13 parameters (with their gradient and copies)");
  CHECK(weights.key == "model.layers");
  CHECK(weights.at.str() == "m.yaml:4:17");
  CHECK(weights.bytes == 8 * 13 * 5);
  CHECK(part(estimate.training, "the optimizer's state").bytes == 0); // sgd keeps nothing
  // The panel is the whole set here (fewer samples than the least panel).
  const auto& nodes = part(estimate.training, "the nodes");
  CHECK(nodes.what == "the nodes of a panel of " + std::to_string(capacity) + " samples x 4 units");
  CHECK(nodes.bytes == 8 * 4 * 4 * capacity + 8 * 2 * capacity);
  CHECK(part(estimate.training, "the data").bytes == 8 * 3 * m);
  const auto& series = part(estimate.training, "the series");
  CHECK(series.key == "training.iterations");
  CHECK(series.at.str() == "m.yaml:7:24");
  CHECK(series.bytes == 8 * 4 * 5 * 3);
  // 2-D data: the decision surface is drawn, a phase of its own.
  CHECK_THAT(part(estimate.plotting, "the decision surface").what,
             Contains("a lattice of 150 x 150 points through 4 units"));
  std::uint64_t training = 0;
  for (const auto& p : estimate.training)
    training += p.bytes;
  CHECK(estimate.total() >= training);
}

TEST_CASE("MemoryEstimate: the optimizer tells how much state it keeps", "[engine][memory]") {
  using Row = std::pair<std::string, std::uint64_t>;
  // Per parameter: momentum its velocity, adam m and v (and t, one value in all).
  const auto [optimizer, values] = GENERATE(Row{"momentum", 1}, Row{"adam", 2}, Row{"sgd", 0});
  const auto specs =
      expand(experiment("{layers: [3, 1]}", "{plugin: " + optimizer + ", learning_rate: 0.1}"));
  nnlab::DatasetCache datasets(nnlab::test::registry());
  const auto run = nnlab::prepare_run(specs[0], nnlab::test::registry(), datasets);
  const nnlab::MemoryEstimate estimate = nnlab::estimate_run_memory(run);
  const auto& state = part(estimate.training, "the optimizer's state");
  CHECK(state.what == "the optimizer's state of " + std::to_string(values) +
                          " value(s) per parameter (" + optimizer + ", 13 parameters)");
  CHECK(state.key == "optimizer.plugin");
  const std::uint64_t fixed = optimizer == "adam" ? 1 : 0;
  CHECK(state.bytes == 8 * 3 * (values * 13 + fixed));
}

TEST_CASE("MemoryEstimate: a run that does not fit is refused at the key that costs most",
          "[engine][memory]") {
  const nnlab::MemoryBudget budget{1ull << 30, "the test's budget"};
  SECTION("a layer of 10^8 units") {
    const auto specs =
        expand(experiment("{layers: [100000000, 1]}", "{plugin: adam, learning_rate: 0.1}"));
    nnlab::RunPreparer preparer(nnlab::test::registry(), budget);
    REQUIRE_THROWS_WITH(
        preparer.check(specs),
        Matches("m\\.yaml:4:17: model\\.layers: needs ~[0-9]+ GB for the (nodes of a panel of "
                "[0-9]+ samples|decision surface: a lattice of 150 x 150 points through) "
                "100000001 units[^;]*; run 1 \\([0-9a-f]{16}\\) needs ~[0-9]+ GB in all \\(limit "
                "1\\.0 GB: the test's budget\\)"));
  }
  SECTION("10^12 iterations, recorded") {
    const auto specs = expand(experiment("{layers: [3, 1]}", "{plugin: sgd, learning_rate: 0.1}",
                                         "{iterations: 1000000000000}"));
    nnlab::RunPreparer preparer(nnlab::test::registry(), budget);
    REQUIRE_THROWS_WITH(preparer.check(specs),
                        Matches("m\\.yaml:7:24: training\\.iterations: needs ~87 TB for the series "
                                "of 1000000000000 iterations \\(4 series, recorded and stored\\); "
                                "run 1 \\([0-9a-f]{16}\\) needs ~87 TB in all \\(limit 1\\.0 GB: "
                                "the test's budget\\)"));
  }
  SECTION("epochs of single samples count as the iterations they make") {
    const auto specs = expand(experiment("{layers: [3, 1]}", "{plugin: sgd, learning_rate: 0.1}",
                                         "{epochs: 100000000000, batch_size: 1}"));
    nnlab::RunPreparer preparer(nnlab::test::registry(), budget);
    REQUIRE_THROWS_WITH(preparer.check(specs), Contains("m.yaml:7:20: training.epochs: needs ~") &&
                                                   Contains("for the series of "));
  }
}

TEST_CASE("MemoryEstimate: the preparer keeps each run's estimate for the run table",
          "[engine][memory]") {
  const auto specs = expand(experiment("{layers: [3, 1]}", "{plugin: sgd, learning_rate: 0.1}") +
                            "sweep:\n  model.layers: [[3, 1], [64, 64, 1]]\n");
  nnlab::RunPreparer preparer(nnlab::test::registry(), {64ull << 20, "test"});
  preparer.check(specs);
  REQUIRE(preparer.memory().size() == 2);
  CHECK(preparer.memory()[0] < preparer.memory()[1]);
  CHECK(preparer.data_bytes() > 0);
}
