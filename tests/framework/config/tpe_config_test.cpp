// tpe mode's keys, its search space and the runs of its points.
#include <catch2/catch.hpp>

#include "nnlab/config/search_space.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

using Catch::Matchers::Contains;

namespace {

// Nine lines, so a sweep written after it starts at line 10.
const std::string base = R"(name: t
seed: 42
dataset: {plugin: csv, train: a.csv}
model: {layers: [3, 2, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: momentum, learning_rate: 0.05, momentum: 0.5}
training: {iterations: 10}
seeds: [1, 2]
# the sweep follows
)";

const std::string keys = R"(  optimizer: [{plugin: momentum}, {plugin: nesterov}]
  optimizer.learning_rate: {loguniform: [0.001, 1]}
  optimizer.momentum: {uniform: [0.5, 0.99]}
  training.iterations: {int: [5, 20]}
)";

nnlab::Experiment parse(const std::string& sweep) {
  const std::string text = base + sweep;
  return nnlab::parse_experiment(nnlab::parse_yaml(text, "t.yaml"), "t.yaml", text);
}

std::vector<std::string> ids(const std::vector<nnlab::RunSpec>& runs) {
  std::vector<std::string> result;
  for (const auto& run : runs)
    result.push_back(run.id);
  return result;
}

} // namespace

TEST_CASE("TpeConfig: batch, rounds, warmup and monitor are read, warmup defaults to 10",
          "[config][sweep][tpe]") {
  const auto e = parse("sweep:\n  mode: tpe\n  batch: 3\n  rounds: 4\n" + keys);
  CHECK(e.sweep_mode == nnlab::SweepMode::tpe);
  CHECK(e.tpe_batch == 3);
  CHECK(e.tpe_rounds == 4);
  CHECK(e.tpe_warmup == 10);
  CHECK(e.monitor.empty());
  const auto f = parse("sweep:\n  mode: tpe\n  batch: 1\n  rounds: 0\n  warmup: 2\n"
                       "  monitor: accuracy_test\n" +
                       keys);
  CHECK(f.tpe_warmup == 2);
  CHECK(f.tpe_rounds == 0);
  CHECK(f.monitor == "accuracy_test");
  // The runs expand_sweep gives are the warm-up's: 2 points x 2 seeds.
  CHECK(nnlab::expand_sweep(f).size() == 4);
}

TEST_CASE("TpeConfig: mistakes in tpe keys name their place", "[config][sweep][tpe]") {
  using Row = std::pair<std::string, std::string>;
  const auto [sweep, expected] = GENERATE(table<std::string, std::string>({
      Row{"  mode: tpe\n  rounds: 2\n",
          "t.yaml:11:3: sweep: missing key 'batch' (the number of points tpe proposes each "
          "round)"},
      Row{"  mode: tpe\n  batch: 2\n",
          "t.yaml:11:3: sweep: missing key 'rounds' (the number of rounds of proposals tpe "
          "makes)"},
      Row{"  mode: tpe\n  batch: 0\n  rounds: 2\n",
          "t.yaml:12:10: sweep.batch: expected an integer in [1, 1000000], got '0'"},
      Row{"  mode: tpe\n  batch: 2\n  rounds: 2\n  warmup: 0\n",
          "t.yaml:14:11: sweep.warmup: expected an integer in [1, 1000000], got '0'"},
      Row{"  mode: tpe\n  batch: 2\n  rounds: 2\n  monitor: cost_tset\n",
          "t.yaml:14:12: sweep.monitor: unknown series 'cost_tset'; known: accuracy_test, "},
      Row{"  mode: random\n  samples: 2\n  batch: 2\n",
          "t.yaml:13:10: sweep.batch: only tpe mode has rounds of proposals (mode is random)"},
      Row{"  warmup: 2\n",
          "t.yaml:11:11: sweep.warmup: only tpe mode has rounds of proposals (mode is grid)"},
      Row{"  monitor: cost_test\n",
          "t.yaml:11:12: sweep.monitor: only a search that judges its points reads a monitor "
          "(mode is grid)"},
      Row{"  mode: tpe\n  batch: 2\n  rounds: 2\n  optimizer.momentum: {normal: [0, 1]}\n",
          "t.yaml:14:24: sweep.optimizer.momentum: unknown distribution 'normal'"},
  }));
  CAPTURE(sweep);
  CHECK_THROWS_WITH(nnlab::expand_sweep(parse("sweep:\n" + sweep + keys.substr(0, 0))),
                    Contains(expected));
}

TEST_CASE("TpeConfig: the space holds each key's distribution in the order written",
          "[config][sweep][tpe]") {
  using Kind = nnlab::SearchDimension::Kind;
  const auto space =
      nnlab::search_space(parse("sweep:\n  mode: tpe\n  batch: 3\n  rounds: 4\n" + keys));
  REQUIRE(space.size() == 4);
  CHECK(space[0].key == "optimizer");
  CHECK(space[0].kind == Kind::choice);
  CHECK(space[0].choices == 2);
  CHECK(space[1].kind == Kind::loguniform);
  CHECK(space[1].low == 0.001);
  CHECK(space[1].high == 1.0);
  CHECK(space[2].kind == Kind::uniform);
  CHECK(space[3].kind == Kind::integer);
  CHECK(space[3].low == 5.0);
  CHECK(space[3].high == 20.0);
  // Values as sweep points hold them: 4 significant digits, integers, choice indices.
  CHECK(nnlab::search_value(space[1], 0.0123456) == 0.01235);
  CHECK(nnlab::search_value(space[2], 0.777777) == 0.7778);
  CHECK(nnlab::search_value(space[3], 7.6) == 8.0);
  CHECK(nnlab::search_value(space[3], 99.0) == 20.0);
  CHECK(nnlab::search_value(space[0], 1.2) == 1.0);
}

TEST_CASE("TpeConfig: the warm-up is random mode's first points, and the runs of a point "
          "are random mode's runs of the same values",
          "[config][sweep][tpe]") {
  const auto tpe = parse("sweep:\n  mode: tpe\n  batch: 3\n  rounds: 4\n  warmup: 5\n" + keys);
  const auto random = parse("sweep:\n  mode: random\n  samples: 5\n" + keys);
  const auto warmup = nnlab::expand_sweep(tpe);
  CHECK(ids(warmup) == ids(nnlab::expand_sweep(random)));
  const auto points = nnlab::drawn_points(tpe, 5);
  REQUIRE(points.size() == 5);
  const auto again = nnlab::point_runs(tpe, points, 0);
  CHECK(ids(again) == ids(warmup));
  for (std::size_t r = 0; r < warmup.size(); ++r) {
    CHECK(again[r].point == warmup[r].point);
    CHECK(again[r].index == r);
    CHECK(again[r].config().canonical() == warmup[r].config().canonical());
  }
  // A later round's runs are numbered after the earlier ones.
  const auto later = nnlab::point_runs(tpe, {{1.0, 0.05, 0.9, 12.0}}, 10);
  REQUIRE(later.size() == 2);
  CHECK(later[0].index == 10);
  CHECK(later[1].index == 11);
  CHECK(later[0].point_label() == "nesterov learning_rate=0.05 momentum=0.9 iterations=12");
}
