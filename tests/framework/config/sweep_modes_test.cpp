#include <catch2/catch.hpp>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

using Catch::Matchers::Contains;

namespace {

// Nine lines, so a sweep written after it starts at line 10.
const std::string base = R"(name: m
seed: 42
dataset: {plugin: csv, train: a.csv}
model: {layers: [3, 2, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: momentum, learning_rate: 0.05, momentum: 0.5}
training: {iterations: 10}
seeds: [1]
# the sweep follows
)";

nnlab::Experiment parse(const std::string& text) {
  return nnlab::parse_experiment(nnlab::parse_yaml(text, "m.yaml"), "m.yaml", text);
}

std::vector<nnlab::RunSpec> expand(const std::string& text) {
  return nnlab::expand_sweep(parse(text));
}

const std::string random_sweep = R"(sweep:
  mode: random
  samples: 6
  optimizer.learning_rate: {loguniform: [0.001, 1]}
  optimizer.momentum: {uniform: [0.5, 0.99]}
  training.iterations: {int: [10, 20]}
  loss: [{plugin: binary_cross_entropy}, {plugin: mean_squared_error}]
)";

std::vector<std::string> ids_of(const std::vector<nnlab::RunSpec>& runs) {
  std::vector<std::string> ids;
  for (const auto& run : runs)
    ids.push_back(run.id);
  return ids;
}

} // namespace

TEST_CASE("SweepModes: zip advances the lists together, blocks included", "[config][sweep]") {
  const auto runs = expand(base + R"(sweep:
  mode: zip
  optimizer: [{plugin: sgd}, {plugin: momentum, momentum: 0.9}, {plugin: nesterov, momentum: 0.8}]
  optimizer.learning_rate: [0.01, 0.05, 0.1]
)");
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].point_label() == "sgd learning_rate=0.01");
  CHECK(runs[1].point_label() == "momentum(momentum=0.9) learning_rate=0.05");
  CHECK(runs[2].point_label() == "nesterov(momentum=0.8) learning_rate=0.1");
  CHECK(runs[0].resolve().parsed.optimizer.params.entries().empty());
  CHECK(runs[2].resolve().parsed.training.learning_rate == 0.1);
}

TEST_CASE("SweepModes: grid is the default and can be named", "[config][sweep]") {
  const std::string keys =
      "  optimizer.learning_rate: [0.01, 0.1]\n  training.iterations: [5, 6]\n";
  const auto named = expand(base + "sweep:\n  mode: grid\n" + keys);
  const auto plain = expand(base + "sweep:\n" + keys);
  REQUIRE(named.size() == 4);
  CHECK(ids_of(named) == ids_of(plain));
  CHECK(named[1].point_label() == "learning_rate=0.01 iterations=6");
}

TEST_CASE("SweepModes: random draws each key from its distribution", "[config][sweep]") {
  const auto runs = expand(base + random_sweep);
  REQUIRE(runs.size() == 6);
  std::set<std::string> losses;
  for (const auto& run : runs) {
    CAPTURE(run.point_label());
    const auto config = run.resolve().parsed;
    CHECK(config.training.learning_rate >= 0.001);
    CHECK(config.training.learning_rate <= 1);
    const double momentum = config.optimizer.params.find("momentum")->as_number("m");
    CHECK(momentum >= 0.5);
    CHECK(momentum < 0.99);
    CHECK(config.training.iterations >= 10);
    CHECK(config.training.iterations <= 20);
    losses.insert(config.loss.name);
    // Drawn numbers are written as the shortest text that reads back the same.
    const std::string text = run.config().find("optimizer")->find("learning_rate")->text();
    char shortest[64];
    const auto end = std::to_chars(shortest, shortest + 64, config.training.learning_rate).ptr;
    CHECK(text == std::string(shortest, end));
    // ... and keep 4 significant digits.
    char four[32];
    std::snprintf(four, sizeof four, "%.4g", config.training.learning_rate);
    CHECK(std::strtod(four, nullptr) == config.training.learning_rate);
    CHECK(run.point_label().rfind("learning_rate=" + text + " momentum=", 0) == 0);
  }
  CHECK(losses.size() == 2);
}

TEST_CASE("SweepModes: random draws are the same for the same experiment seed only",
          "[config][sweep]") {
  const auto first = expand(base + random_sweep);
  const auto again = expand(base + random_sweep);
  CHECK(ids_of(first) == ids_of(again));
  for (std::size_t i = 0; i < first.size(); ++i)
    CHECK(first[i].config().canonical() == again[i].config().canonical());
  // More samples only add points at the end.
  auto more = random_sweep;
  more.replace(more.find("samples: 6"), 10, "samples: 9");
  const auto grown = expand(base + more);
  REQUIRE(grown.size() == 9);
  for (std::size_t i = 0; i < first.size(); ++i)
    CHECK(grown[i].id == first[i].id);
  // Another experiment seed draws other values.
  auto reseeded = base;
  reseeded.replace(reseeded.find("seed: 42"), 8, "seed: 43");
  const auto other = expand(reseeded + random_sweep);
  CHECK(other[0].point_label() != first[0].point_label());
}

TEST_CASE("SweepModes: random draws a repeated point again", "[config][sweep]") {
  const auto runs =
      expand(base + "sweep:\n  mode: random\n  samples: 4\n" +
             "  training.iterations: {int: [1, 2]}\n  optimizer.momentum: [0, 0.5]\n");
  REQUIRE(runs.size() == 4);
  std::set<std::string> labels;
  for (const auto& run : runs)
    labels.insert(run.point_label());
  CHECK(labels.size() == 4);
  REQUIRE_THROWS_WITH(expand(base + "sweep:\n  mode: random\n  samples: 3\n" +
                             "  optimizer.momentum: {choice: [0, 0.5]}\n"),
                      Contains("m.yaml:12:12: sweep.samples: 3 different points wanted, 2 found "
                               "in 300 draws (do the distributions hold that many values?)"));
}

TEST_CASE("SweepModes: repeats runs every point with seeds 1..K", "[config][sweep]") {
  const std::string no_seeds = base.substr(0, base.find("seeds:"));
  const auto runs = expand(no_seeds + "repeats: 3\nsweep:\n  optimizer.learning_rate: [0.1, 1]\n");
  REQUIRE(runs.size() == 6);
  CHECK(runs[2].seed == 3);
  CHECK(runs[3].seed == 1);
  const auto same =
      expand(no_seeds + "seeds: [1, 2, 3]\nsweep:\n  optimizer.learning_rate: [0.1, 1]\n");
  CHECK(ids_of(runs) == ids_of(same));
  REQUIRE_THROWS_WITH(
      parse(no_seeds + "repeats: 0\n"),
      Contains("m.yaml:8:10: repeats: expected an integer in [1, 10000000], got '0'"));
  REQUIRE_THROWS_WITH(parse(base + "repeats: 2\n"),
                      Contains("m.yaml:10:10: repeats: give seeds or repeats, not both (seeds "
                               "at m.yaml:8:8)"));
}

TEST_CASE("SweepModes: mistakes in modes and distributions name their place", "[config][sweep]") {
  using Row = std::pair<std::string, std::string>;
  const auto [sweep, expected] = GENERATE(table<std::string, std::string>({
      Row{"  mode: zipp\n", "m.yaml:11:9: sweep.mode: unknown mode 'zipp'; did you mean 'zip'? "
                            "known: grid, random, tpe, zip"},
      Row{"  mode: random\n  optimizer.momentum: [0, 1]\n",
          "m.yaml:11:3: sweep: missing key 'samples' (the number of points random mode draws)"},
      Row{"  mode: random\n  samples: 0\n",
          "m.yaml:12:12: sweep.samples: expected an integer >= 1, got '0'"},
      Row{"  samples: 3\n",
          "m.yaml:11:12: sweep.samples: only random mode draws samples (mode is grid)"},
      Row{"  mode: zip\n  samples: 3\n",
          "m.yaml:12:12: sweep.samples: only random mode draws samples (mode is zip)"},
      Row{"  mode: zip\n  optimizer: [{plugin: sgd}, {plugin: nesterov}, {plugin: momentum}]\n"
          "  optimizer.learning_rate: [0.1, 0.2]\n",
          "m.yaml:13:28: sweep.optimizer.learning_rate: expected a list of 3 values (as "
          "sweep.optimizer), got 2"},
      Row{"  mode: random\n  samples: 2\n  optimizer.momentum: {normal: [0, 1]}\n",
          "m.yaml:13:24: sweep.optimizer.momentum: unknown distribution 'normal'; known: choice, "
          "int, loguniform, uniform"},
      Row{"  mode: random\n  samples: 2\n  optimizer.momentum: {unifrm: [0, 1]}\n",
          "sweep.optimizer.momentum: unknown distribution 'unifrm'; did you mean 'uniform'?"},
      Row{"  mode: random\n  samples: 2\n  optimizer.momentum: {uniform: [1, 0]}\n",
          "m.yaml:13:33: sweep.optimizer.momentum.uniform: expected [low, high] with low < "
          "high, got [1, 0]"},
      Row{"  mode: random\n  samples: 2\n  optimizer.momentum: {uniform: 0.5}\n",
          "sweep.optimizer.momentum.uniform: expected [low, high] with low < high, got '0.5'"},
      Row{"  mode: random\n  samples: 2\n  optimizer.learning_rate: {loguniform: [0, 1]}\n",
          "sweep.optimizer.learning_rate.loguniform: expected [low, high] with 0 < low < high, "
          "got [0, 1]"},
      Row{"  mode: random\n  samples: 2\n  training.iterations: {int: [1.5, 3]}\n",
          "sweep.training.iterations.int: expected [low, high], integers with low <= high, got "
          "[1.5, 3]"},
      Row{"  mode: random\n  samples: 2\n  training.iterations: {int: [a, 3]}\n",
          "sweep.training.iterations.int: expected [low, high], integers with low <= high"},
      Row{"  mode: random\n  samples: 2\n  optimizer.momentum: {choice: []}\n",
          "sweep.optimizer.momentum.choice: expected a non-empty list of values, got []"},
      Row{"  mode: random\n  samples: 2\n  optimizer.momentum: 0.5\n",
          "m.yaml:13:23: sweep.optimizer.momentum: expected a list of values or a distribution "
          "such as {uniform: [low, high]}, got '0.5'"},
      Row{"  mode: random\n  samples: 2\n  optimizer.momentum: {uniform: [0, 1], int: [1, 2]}\n",
          "sweep.optimizer.momentum: expected a list of values or a distribution"},
      Row{"  mode: zip\n  optimizer.momentum: {uniform: [0, 1]}\n",
          "sweep.optimizer.momentum: expected a non-empty list of values, got a map"},
  }));
  CAPTURE(sweep);
  REQUIRE_THROWS_AS(expand(base + "sweep:\n" + sweep), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(expand(base + "sweep:\n" + sweep), Contains(expected));
}
