#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plugins.hpp"

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
  const auto sgd = runs[4].resolve().parsed; // sgd, learning_rate 0.05
  CHECK(sgd.optimizer.name == "sgd");
  CHECK(sgd.optimizer.params.entries().empty()); // momentum: 0.5 of the base is gone
  CHECK(sgd.training.learning_rate == 0.05);
  const auto momentum = runs[12].resolve().parsed; // momentum(0.9), learning_rate 0.05
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
    CHECK(runs[1].resolve().parsed.model.layers == std::vector<arma::uword>{8, 8, 1});
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

TEST_CASE("Sweep: the 27 run ids of experiments/momentum.yaml are pinned", "[config][sweep]") {
  // Computed before the sweep language grew modes, extends and overrides: stored results
  // keep their ids. The same experiment written in another key order and number format
  // gives the same ids.
  const std::string pinned =
      "a4ee508b6590329e 15a578ea6e8f16b5 d36aafad3e041384 13e99ea01d49e17a 46c665c05e7bd7d1 "
      "9bb8497e1e6b5ed0 d9ce9a818a77aa18 6ba1b84b3705b633 54002884428d9142 0aad3720d6981bf7 "
      "c865c4f96280013c 470715967ac7b32d 6c8ccdb59a601b33 dab9afebedd20f18 a9b2dae2665b9539 "
      "fabe4dfcb3821d61 ae256782601e374a 043765e965c4811b 2bcd85e8b62c565d 7768ee4ecc72f786 "
      "ddd5b1bd5ace1ee7 6d698a14a0cb9b09 d3695a7d49ec6592 3a3e4dbc6cfcf6c3 a1dd0ecda8d0c8ab "
      "e0a9a4de6754e730 ff8d0888081657b1";
  const std::string rewritten = R"(seeds: [1, 2, 3]
sweep:
  optimizer:
    - {plugin: sgd}
    - {momentum: 9e-1, plugin: momentum}
    - {plugin: nesterov, momentum: 0.90}
  optimizer.learning_rate: [1e-2, 0.050, 10e-2]
training: {iterations: 5e3}
optimizer: {learning_rate: 0.05, plugin: sgd}
loss: {plugin: binary_cross_entropy}
model:
  init: {high: 1, low: 0, kind: uniform}
  output_activation: sigmoid
  hidden_activation: tanh
  layers: [3, 2, 1]
dataset: {label: y, features: [x1, x2], test: ../data/xor_test.csv, train: ../data/xor_train.csv,
          plugin: csv}
seed: 42.0
name: momentum
)";
  const auto shipped = nnlab::expand_sweep(
      nnlab::load_experiment(nnlab::test::source_dir() / "experiments" / "momentum.yaml"));
  const auto equivalent = expand(rewritten);
  REQUIRE(shipped.size() == 27);
  REQUIRE(equivalent.size() == 27);
  std::string ids;
  for (std::size_t i = 0; i < shipped.size(); ++i) {
    CAPTURE(i);
    ids += (i ? " " : "") + shipped[i].id;
    CHECK(equivalent[i].id == shipped[i].id);
    CHECK(equivalent[i].point_label() == shipped[i].point_label());
  }
  CHECK(ids == pinned);
}

TEST_CASE("Sweep: a sweep and a superset sweep share the ids and seeds of their shared runs",
          "[config][sweep]") {
  const auto course = expand(base + course_sweep);
  const auto bigger = expand(base + R"(sweep:
  optimizer:
    - {plugin: sgd}
    - {plugin: momentum, momentum: 0.5}
    - {plugin: momentum, momentum: 0.9}
    - {plugin: nesterov, momentum: 0.9}
  optimizer.learning_rate: [0.01, 0.05, 0.1, 0.5]
  training.iterations: [10, 20]
seeds: [1, 2, 3, 4]
)");
  REQUIRE(bigger.size() == 4 * 4 * 2 * 4);
  std::map<std::string, std::uint64_t> rng_seed_of;
  for (const auto& run : bigger)
    rng_seed_of[run.id] = run.rng_seed;
  for (const auto& run : course) {
    CAPTURE(run.index, run.point_label(), run.seed);
    REQUIRE(rng_seed_of.count(run.id) == 1);
    CHECK(rng_seed_of[run.id] == run.rng_seed);
  }
}

TEST_CASE("Sweep: checkpoint_every changes neither a run's id nor its random numbers",
          "[config][sweep]") {
  const auto plain = expand(base);
  const std::string with_checkpoints =
      base.substr(0, base.find("training:")) + "training: {iterations: 10, checkpoint_every: 3}\n";
  const auto checkpointed = expand(with_checkpoints);
  REQUIRE(plain.size() == 1);
  REQUIRE(checkpointed.size() == 1);
  CHECK(checkpointed[0].id == plain[0].id);
  CHECK(checkpointed[0].rng_seed == plain[0].rng_seed);
  CHECK(checkpointed[0].resolve().parsed.training.checkpoint_every == 3);
  // What the run computes does change them.
  const auto longer =
      expand(base.substr(0, base.find("training:")) + "training: {iterations: 11}\n");
  CHECK(longer[0].id != plain[0].id);
  CHECK(longer[0].rng_seed != plain[0].rng_seed);
}

TEST_CASE("Sweep: model.precision is part of a run's identity, writing the default is not",
          "[config][sweep][float32]") {
  const auto with_model = [](const std::string& model) {
    return base.substr(0, base.find("model:")) + "model: " + model +
           base.substr(base.find("\nloss:"));
  };
  const auto plain = expand(base);
  const auto float64 = expand(with_model("{layers: [3, 2, 1], precision: float64}"));
  const auto float32 = expand(with_model("{layers: [3, 2, 1], precision: float32}"));
  CHECK(float64[0].id == plain[0].id);
  CHECK(float64[0].rng_seed == plain[0].rng_seed);
  CHECK(float32[0].id != plain[0].id);
  CHECK(plain[0].resolve().parsed.model.precision == nnlab::Precision::float64);
  CHECK(float32[0].resolve().parsed.model.precision == nnlab::Precision::float32);
  CHECK(float32[0].resolve().parsed.model.architecture(2).precision == nnlab::Precision::float32);
  // A sweep over it labels its points by it.
  const auto both = expand(base + "sweep:\n  model.precision: [float64, float32]\n");
  REQUIRE(both.size() == 2);
  CHECK(both[0].id == plain[0].id);
  CHECK(both[1].id == float32[0].id);
  CHECK(both[1].point_label() == "precision=float32");
}
