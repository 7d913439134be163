#include <catch2/catch.hpp>

#include <set>

#include "nnlab/config/sweep.hpp"
#include "nnlab/config/yaml_source.hpp"
#include "nnlab/core/error.hpp"

using Catch::Matchers::Contains;

namespace {

const std::string base = R"(name: s
seed: 42
dataset: {plugin: csv, train: a.csv}
model: {layers: [3, 2, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: momentum, learning_rate: 0.05, momentum: 0.5}
training: {iterations: 10}
)";

std::vector<nnlab::RunSpec> expand(const std::string& text) {
  return nnlab::expand_sweep(
      nnlab::parse_experiment(nnlab::parse_yaml(text, "s.yaml"), "s.yaml", text));
}

const std::string course_sweep = R"(sweep:
  optimizer:
    - {plugin: sgd}
    - {plugin: momentum, momentum: 0.9}
    - {plugin: nesterov, momentum: 0.9}
  optimizer.learning_rate: [0.01, 0.05, 0.1]
seeds: [1, 2, 3]
)";

} // namespace

TEST_CASE("Sweep: the cartesian product in the order written, each point once per seed",
          "[config][sweep]") {
  const auto runs = expand(base + course_sweep);
  REQUIRE(runs.size() == 27);
  CHECK(runs[0].point_label() == "sgd learning_rate=0.01");
  CHECK(runs[0].seed == 1);
  CHECK(runs[2].seed == 3);
  CHECK(runs[3].point_label() == "sgd learning_rate=0.05");
  CHECK(runs[9].point_label() == "momentum(momentum=0.9) learning_rate=0.01");
  CHECK(runs[26].point_label() == "nesterov(momentum=0.9) learning_rate=0.1");
  for (std::size_t i = 0; i < runs.size(); ++i)
    CHECK(runs[i].index == i);
  std::set<std::string> ids;
  for (const auto& run : runs)
    ids.insert(run.id);
  CHECK(ids.size() == 27);
}

TEST_CASE("Sweep: a block merges into the base block and another plugin drops the old one's keys",
          "[config][sweep]") {
  const auto runs = expand(base + course_sweep);
  const auto& sgd = runs[4].parsed; // sgd, learning_rate 0.05
  CHECK(sgd.optimizer.name == "sgd");
  CHECK(sgd.optimizer.params.entries().empty()); // momentum: 0.5 of the base is gone
  CHECK(sgd.training.learning_rate == 0.05);
  const auto& momentum = runs[12].parsed; // momentum(0.9), learning_rate 0.05
  CHECK(momentum.optimizer.name == "momentum");
  CHECK(momentum.optimizer.params.find("momentum")->text() == "0.9");
  CHECK(momentum.training.learning_rate == 0.05);
}

TEST_CASE("Sweep: run ids ignore formatting and key order, and a superset keeps them",
          "[config][sweep]") {
  const auto small = expand(base + "sweep:\n  optimizer.learning_rate: [0.05]\n");
  const auto reordered = expand(R"(name: s
seed: 42
training: {iterations: 10.0}
optimizer: {momentum: 5e-1, learning_rate: 0.050, plugin: momentum}
loss: {plugin: binary_cross_entropy}
model: {layers: [3, 2, 1]}
dataset: {train: a.csv, plugin: csv}
sweep: {optimizer.learning_rate: [5.0e-2, 0.5]}
)");
  REQUIRE(small.size() == 1);
  REQUIRE(reordered.size() == 2);
  CHECK(small[0].id == reordered[0].id);
  CHECK(small[0].rng_seed == reordered[0].rng_seed);
  CHECK(small[0].id != reordered[1].id);
  // Another experiment seed is another run: same config, different random stream.
  const auto reseeded = expand("seed: 43\n" + base.substr(base.find("dataset")) + "name: s\n");
  CHECK(reseeded[0].id != expand(base)[0].id);
}

TEST_CASE("Sweep: values set deeper keys and errors point into the sweep", "[config][sweep]") {
  SECTION("a list value replaces a list") {
    const auto runs = expand(base + "sweep:\n  model.layers: [[3, 1], [8, 8, 1]]\n");
    CHECK(runs[1].parsed.model.layers == std::vector<arma::uword>{8, 8, 1});
    CHECK(runs[1].point_label() == "layers=[8, 8, 1]");
  }
  SECTION("an unknown section") {
    REQUIRE_THROWS_WITH(expand(base + "sweep:\n  optimiser.learning_rate: [1]\n"),
                        Contains("s.yaml:9:3: sweep.optimiser.learning_rate: expected a key path "
                                 "starting with one of") &&
                            Contains("did you mean 'optimizer'?"));
  }
  SECTION("an empty list") {
    REQUIRE_THROWS_WITH(expand(base + "sweep:\n  optimizer.learning_rate: []\n"),
                        Contains("sweep.optimizer.learning_rate: expected a non-empty list"));
  }
  SECTION("a bad value is reported where the sweep wrote it") {
    REQUIRE_THROWS_WITH(expand(base + "sweep:\n  training.iterations: [5, -1]\n"),
                        Contains("s.yaml:9:28: training.iterations: expected an integer of at "
                                 "least 1, got '-1'"));
  }
  SECTION("the same run twice") {
    REQUIRE_THROWS_WITH(expand(base + "sweep:\n  optimizer.learning_rate: [0.1, 1e-1]\n"),
                        Contains("runs 1 and 2 have the same configuration"));
  }
}
