#include <catch2/catch.hpp>

#include <malloc.h>

#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

using Catch::Matchers::Contains;

namespace {

const std::string base = R"(name: r
seed: 7
dataset: {plugin: csv, train: a.csv}
model: {layers: [3, 2, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: momentum, learning_rate: 0.05, momentum: 0.5}
training: {iterations: 10, checkpoint_every: 5}
)";

nnlab::Experiment parse(const std::string& text) {
  return nnlab::parse_experiment(nnlab::parse_yaml(text, "r.yaml"), "r.yaml", text);
}

// 200 learning rates x 100 seeds.
std::string big_sweep() {
  std::string rates;
  for (int i = 1; i <= 200; ++i)
    rates += (i > 1 ? ", " : "") + std::to_string(i) + "e-4";
  return base + "sweep:\n  optimizer.learning_rate: [" + rates + "]\nrepeats: 100\n";
}

// Heap in use, from glibc: small blocks and mmapped ones (ASan's allocator reports none:
// the check is then weaker).
long heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<long>(info.uordblks + info.hblkhd);
}

} // namespace

TEST_CASE("RunSpec: a sweep of 20,000 runs keeps ids and points, not 20,000 configs",
          "[config][sweep]") {
  const nnlab::Experiment experiment = parse(big_sweep());
  const long before = heap_in_use();
  const auto runs = nnlab::expand_sweep(experiment);
  const long per_run = (heap_in_use() - before) / 20000;
  REQUIRE(runs.size() == 20000);
  // A resolved config and its parsed form take kilobytes; a run's id, seeds and label a
  // few hundred bytes.
  CAPTURE(per_run);
  CHECK(per_run < 400);
  // The seeds of a point share what builds their configs.
  CHECK(runs[0].source == runs[99].source);
  CHECK(runs[0].source != runs[100].source);
}

TEST_CASE("RunSpec: config() rebuilds the tree the run's id was computed from", "[config][sweep]") {
  const std::string random = base + R"(sweep:
  mode: random
  samples: 5
  optimizer: [{plugin: sgd}, {plugin: nesterov, momentum: 0.9}]
  optimizer.learning_rate: {loguniform: [0.001, 1]}
  training.iterations: {int: [10, 20]}
seeds: [3, 4]
)";
  const std::string grid = base + R"(sweep:
  optimizer: [{plugin: sgd}, {momentum: 0.9}]
  model.layers: [[4, 1], [8, 4, 1]]
seeds: [3, 4]
)";
  const std::string text = GENERATE_COPY(random, grid);
  const nnlab::Experiment experiment = parse(text);
  const auto runs = nnlab::expand_sweep(experiment);
  REQUIRE(runs.size() == (text == random ? 10 : 8));
  for (const auto& run : runs) {
    CAPTURE(run.index, run.point_label());
    const nnlab::ConfigNode config = run.config();
    CHECK(nnlab::run_id(config, experiment.seed) == run.id);
    CHECK(config.find("seed")->text() == std::to_string(run.seed));
    // Built anew each time, the same each time; the parsed form reads that tree.
    CHECK(run.config().canonical() == config.canonical());
    const auto [resolved, parsed] = run.resolve();
    CHECK(resolved.canonical() == config.canonical());
    CHECK(parsed.training.checkpoint_every == 5);
    CHECK(parsed.optimizer.name == config.find("optimizer")->find("plugin")->text());
  }
  // A block merges into the base block: {momentum: 0.9} keeps plugin momentum.
  if (text == grid)
    CHECK(runs[4].config().find("optimizer")->flow() ==
          "{plugin: momentum, learning_rate: 0.05, momentum: 0.9}");
}

TEST_CASE("RunSpec: a stored config is its own source, checked when made", "[config][sweep]") {
  const auto runs = nnlab::expand_sweep(parse(base + "seeds: [11]\n"));
  const nnlab::RunSpec stored = nnlab::make_run_spec(runs[0].config(), 7, ".");
  CHECK(stored.id == runs[0].id);
  CHECK(stored.experiment_seed == 7);
  CHECK(runs[0].experiment_seed == 7);
  CHECK(stored.seed == 11);
  CHECK(stored.config().canonical() == runs[0].config().canonical());

  nnlab::ConfigNode broken = runs[0].config();
  broken.find("training")->set("iterations", nnlab::ConfigNode::scalar("many"));
  REQUIRE_THROWS_WITH(nnlab::make_run_spec(broken, 7, "."),
                      Contains("training.iterations: expected an integer, got 'many'"));
  REQUIRE_THROWS_WITH(nnlab::RunSpec{}.config(), Contains("no source"));
}
