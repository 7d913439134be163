#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "nnlab/config/run_streams.hpp"
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
  CHECK(small[0].seed == reordered[0].seed);
  CHECK(small[0].experiment_seed == reordered[0].experiment_seed);
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
  // Pinned at store format 2 (the paired random streams, whose version is part of the
  // id): stored results keep their ids. The same experiment written in another key order
  // and number format gives the same ids.
  const std::string pinned =
      "8f544b09819c0467 09b7073d717d25d6 b1e2fce45518bfc9 10591ac349bdd8f3 f9473ccb3b0a9212 "
      "a9e637c0fd154215 29e86929d4db236d 842b66f43bcdb528 86245d4f2c8fed4b 8d0c81fefa82a97c "
      "7ff35cea59edfd11 620c6fe6396184fe a55eda67b88efc28 4b1bdc9d519c6a6d 7dff48a55644824a "
      "552836a9b14de882 3ca4516904ec76a3 d2f9cb484a56e080 1af0fbdf9b740b8e 91e8ab88e27485df "
      "de9e4b6e21e8f5cc 4de60d70d3374cba 3c27855b65c70b7b 5ee27025a113bd98 efef6c1ccd8529f0 "
      "06ba87edfee2d675 cd6837fc54c4b9f2";
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
  std::map<std::string, std::uint64_t> seed_of;
  for (const auto& run : bigger)
    seed_of[run.id] = run.seed;
  for (const auto& run : course) {
    CAPTURE(run.index, run.point_label(), run.seed);
    REQUIRE(seed_of.count(run.id) == 1);
    CHECK(seed_of[run.id] == run.seed);
  }
}

TEST_CASE("Sweep: checkpoint_every does not change a run's id, what the run computes does",
          "[config][sweep]") {
  const auto plain = expand(base);
  const std::string with_checkpoints =
      base.substr(0, base.find("training:")) + "training: {iterations: 10, checkpoint_every: 3}\n";
  const auto checkpointed = expand(with_checkpoints);
  REQUIRE(plain.size() == 1);
  REQUIRE(checkpointed.size() == 1);
  CHECK(checkpointed[0].id == plain[0].id);
  CHECK(checkpointed[0].resolve().parsed.training.checkpoint_every == 3);
  // What the run computes does change them.
  const auto longer =
      expand(base.substr(0, base.find("training:")) + "training: {iterations: 11}\n");
  CHECK(longer[0].id != plain[0].id);
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
  // The initial weights do not depend on the precision: float32 and float64 runs of a seed
  // start from the same weights (paired), and writing the default changes nothing.
  const auto init_stream = [](const nnlab::RunSpec& spec) {
    const nnlab::ResolvedRun run = spec.resolve();
    return nnlab::run_streams(run.config, run.parsed.training, spec.experiment_seed, spec.seed, 2)
        .init;
  };
  CHECK(init_stream(float64[0]) == init_stream(plain[0]));
  CHECK(init_stream(float32[0]) == init_stream(plain[0]));
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

TEST_CASE("Sweep: the runs are counted before they are expanded and refused past the budget",
          "[config][sweep][memory]") {
  // Six keys of 30 values and 30 seeds: 21,870,000,000 runs from a file of a few lines.
  const std::string thirty = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, "
                             "20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]";
  const std::string text = base + "sweep:\n  training.iterations: &v " + thirty +
                           "\n  optimizer.learning_rate: *v\n  optimizer.momentum: *v\n"
                           "  training.batch_size: *v\n  training.weight_decay: *v\n"
                           "  training.clip_norm: *v\nseeds: *v\n";
  const auto experiment =
      nnlab::parse_experiment(nnlab::parse_yaml(text, "s.yaml"), "s.yaml", text);
  const nnlab::MemoryBudget budget{20ull << 30, "the memory available; --max-memory sets it"};
  REQUIRE_THROWS_WITH(nnlab::expand_sweep(experiment, budget),
                      "s.yaml:9:3: sweep: needs ~25 TB for the table of 21870000000 runs (30 x 30 "
                      "x 30 x 30 x 30 x 30 points x 30 seed(s)) (limit 20 GB: the memory "
                      "available; --max-memory sets it)");
  SECTION("random samples are counted as drawn points") {
    const std::string random = base + "sweep:\n  mode: random\n  samples: 100000000000\n"
                                      "  optimizer.learning_rate: {loguniform: [0.001, 1]}\n";
    const auto drawn =
        nnlab::parse_experiment(nnlab::parse_yaml(random, "r.yaml"), "r.yaml", random);
    REQUIRE_THROWS_WITH(nnlab::expand_sweep(drawn, budget),
                        "r.yaml:10:12: sweep.samples: needs ~58 TB for the table of "
                        "100000000000 runs (100000000000 samples x 1 seed(s)) (limit 20 GB: the "
                        "memory available; --max-memory sets it)");
  }
  SECTION("a sweep that fits expands as before") {
    CHECK(nnlab::expand_sweep(
              nnlab::parse_experiment(nnlab::parse_yaml(base + course_sweep, "s.yaml"), "s.yaml",
                                      base + course_sweep),
              budget)
              .size() == 27);
  }
}
