#include <catch2/catch.hpp>

#include <set>

#include "nnlab/config/run_streams.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace {

const std::string base = R"(name: s
seed: 7
dataset: {plugin: xor, n_samples: 40, seed: 5}
model: {layers: [3, 1], init: {kind: uniform, low: 0, high: 1}}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.05}
training: {iterations: 10, batch_size: 8, validation_fraction: 0.25}
)";

// The streams of every run of `text` (input width 2), in sweep order.
std::vector<nnlab::RunStreams> streams_of(const std::string& text, arma::uword n_inputs = 2) {
  const auto experiment =
      nnlab::parse_experiment(nnlab::parse_yaml(text, "s.yaml"), "s.yaml", text);
  std::vector<nnlab::RunStreams> streams;
  for (const auto& run : nnlab::expand_sweep(experiment)) {
    const auto [config, parsed] = run.resolve();
    streams.push_back(
        nnlab::run_streams(config, parsed.training, run.experiment_seed, run.seed, n_inputs));
  }
  return streams;
}

nnlab::RunStreams one(const std::string& text, arma::uword n_inputs = 2) {
  const auto streams = streams_of(text, n_inputs);
  REQUIRE(streams.size() == 1);
  return streams[0];
}

// `base` with one line replaced (the line starting with `key`).
std::string with(const std::string& key, const std::string& line) {
  std::string text = base;
  const auto at = text.find(key + ":");
  REQUIRE(at != std::string::npos);
  text.replace(at, text.find('\n', at) - at, line);
  return text;
}

} // namespace

TEST_CASE("RunStreams: what a run does with its weights does not change its streams",
          "[config][streams]") {
  const nnlab::RunStreams reference = one(base);
  // Optimizer, learning rate, loss settings, schedule, early stopping, weight decay,
  // clipping, iterations: none of them is drawn from.
  const auto texts = {
      with("optimizer", "optimizer: {plugin: momentum, learning_rate: 0.5, momentum: 0.9}"),
      with("optimizer", "optimizer: {plugin: adam, learning_rate: 0.001}"),
      with("loss", "loss: {plugin: mean_squared_error}"),
      with("training", "training: {iterations: 99, batch_size: 8, validation_fraction: 0.25, "
                       "lr_schedule: {kind: step, drop: 0.5, every: 3}, weight_decay: 0.01, "
                       "clip_norm: 1, early_stopping: {patience: 4}, checkpoint_every: 2}"),
      with("training", "training: {epochs: 3, batch_size: 8, validation_fraction: 0.25}")};
  for (const std::string& text : texts) {
    CAPTURE(text);
    const nnlab::RunStreams streams = one(text);
    CHECK(streams.init == reference.init);
    CHECK(streams.batches == reference.batches);
    CHECK(streams.split == reference.split);
  }
}

TEST_CASE("RunStreams: each stream changes with what it depends on, and only with that",
          "[config][streams]") {
  const nnlab::RunStreams reference = one(base);
  SECTION("the run's seed and the experiment seed change them all") {
    for (const std::string& text : {base + "seeds: [8]\n", with("seed", "seed: 8")}) {
      const nnlab::RunStreams streams = one(text);
      CHECK(streams.init != reference.init);
      CHECK(streams.batches != reference.batches);
      CHECK(streams.split != reference.split);
    }
  }
  SECTION("the model block and the input width: the initial weights only") {
    for (const nnlab::RunStreams& streams :
         {one(with("model", "model: {layers: [4, 1]}")),
          one(with("model", "model: {layers: [3, 1], init: {kind: uniform, low: -1, high: 1}}")),
          one(base, 3)}) {
      CHECK(streams.init != reference.init);
      CHECK(streams.batches == reference.batches);
      CHECK(streams.split == reference.split);
    }
  }
  SECTION("the dataset block: the batches and the validation split") {
    const nnlab::RunStreams streams =
        one(with("dataset", "dataset: {plugin: xor, n_samples: 40, seed: 6}"));
    CHECK(streams.init == reference.init);
    CHECK(streams.batches != reference.batches);
    CHECK(streams.split != reference.split);
  }
  SECTION("the batch settings: the batches only") {
    for (const char* training :
         {"training: {iterations: 10, batch_size: 4, validation_fraction: 0.25}",
          "training: {iterations: 10, batch_size: 8, shuffle: false, validation_fraction: 0.25}"}) {
      const nnlab::RunStreams streams = one(with("training", training));
      CHECK(streams.init == reference.init);
      CHECK(streams.batches != reference.batches);
      CHECK(streams.split == reference.split);
    }
  }
  SECTION("validation_fraction: the validation split only") {
    const nnlab::RunStreams streams = one(
        with("training", "training: {iterations: 10, batch_size: 8, validation_fraction: 0.3}"));
    CHECK(streams.init == reference.init);
    CHECK(streams.batches == reference.batches);
    CHECK(streams.split != reference.split);
  }
  SECTION("how a value is written does not matter") {
    const nnlab::RunStreams streams = one(R"(name: s
seed: 7.0
training: {validation_fraction: 2.5e-1, batch_size: 8.0, iterations: 10}
optimizer: {learning_rate: 0.05, plugin: sgd}
loss: {plugin: binary_cross_entropy}
model: {init: {high: 1.0, low: 0.0, kind: uniform}, layers: [3, 1]}
dataset: {seed: 5, n_samples: 40, plugin: xor}
)");
    CHECK(streams.init == reference.init);
    CHECK(streams.batches == reference.batches);
    CHECK(streams.split == reference.split);
  }
}

TEST_CASE("RunStreams: a sweep's runs share streams per seed, and seeds differ",
          "[config][streams]") {
  const auto streams = streams_of(base + R"(sweep:
  optimizer: [{plugin: sgd}, {plugin: momentum, momentum: 0.9}, {plugin: nesterov, momentum: 0.9}]
  optimizer.learning_rate: [0.01, 0.1]
seeds: [1, 2, 3]
)");
  REQUIRE(streams.size() == 3 * 2 * 3);
  std::set<std::uint64_t> inits, batches, splits;
  for (std::size_t i = 0; i < streams.size(); ++i) {
    CAPTURE(i);
    // Runs i and i % 3 have the same seed (seeds vary fastest).
    CHECK(streams[i].init == streams[i % 3].init);
    CHECK(streams[i].batches == streams[i % 3].batches);
    CHECK(streams[i].split == streams[i % 3].split);
    inits.insert(streams[i].init);
    batches.insert(streams[i].batches);
    splits.insert(streams[i].split);
  }
  CHECK(inits.size() == 3);
  CHECK(batches.size() == 3);
  CHECK(splits.size() == 3);
}
