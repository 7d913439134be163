// Common random numbers, end to end: runs of one sweep that differ only in optimizer or
// learning rate start from the same weights and see the same mini-batches for a seed.
#include <catch2/catch.hpp>

#include <cstring>
#include <map>
#include <set>

#include "nnlab/config/sweep.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/model/fingerprint.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plugins.hpp"

namespace {

// A sweep of optimizers x learning rates x seeds on generated XOR data, in mini-batches.
const std::string sweep = R"(name: paired
seed: 11
dataset: {plugin: xor, n_samples: 60}
model: {layers: [4, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.1}
sweep:
  optimizer: [{plugin: sgd}, {plugin: momentum, momentum: 0.9}, {plugin: adam}]
  optimizer.learning_rate: [0.01, 0.1]
seeds: [1, 2]
)";

std::vector<nnlab::RunSpec> expand(const std::string& text) {
  return nnlab::expand_sweep(
      nnlab::parse_experiment(nnlab::parse_yaml(text, "paired.yaml"), "paired.yaml", text));
}

bool same_bits(const arma::mat& a, const arma::mat& b) {
  return a.n_rows == b.n_rows && a.n_cols == b.n_cols &&
         std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0;
}

const arma::mat& weight(const nnlab::RunRecord& run, const std::string& name) {
  for (const auto& [key, value] : run.weights)
    if (key == name) return value;
  FAIL("no weight " << name);
  static const arma::mat none;
  return none;
}

// An update rule that never moves the parameters and keeps every gradient it is given:
// with the parameters fixed, a gradient depends on its mini-batch alone, so the sequence
// of gradients shows the order of the batches.
class GradientLog final : public nnlab::Optimizer {
public:
  void reset(arma::uword) override {}
  void step(arma::vec&, const arma::vec& grads, double) override { log.push_back(grads); }
  nnlab::OptimizerState state() const override { return {}; }
  void restore(const nnlab::OptimizerState&) override {}
  std::vector<arma::vec> log;
};

} // namespace

TEST_CASE("Paired runs: differing only in optimizer or learning rate, the runs of a seed "
          "start from the same weights, and other seeds do not",
          "[engine][paired]") {
  // Early stopping that never sees an improvement after the first iteration, restoring the
  // best: every run stores exactly the weights it started from.
  const auto specs = expand(sweep + "training: {iterations: 5, batch_size: 16, early_stopping: "
                                    "{patience: 2, min_delta: 1.0e9, monitor: cost_train}}\n");
  REQUIRE(specs.size() == 3 * 2 * 2);
  nnlab::DatasetCache datasets(nnlab::test::registry());
  std::map<std::uint64_t, nnlab::RunRecord> first_of_seed;
  std::set<std::string> fingerprints;
  for (const auto& spec : specs) {
    CAPTURE(spec.point_label(), spec.seed);
    const nnlab::RunRecord run =
        nnlab::execute_run(nnlab::prepare_run(spec, nnlab::test::registry(), datasets));
    REQUIRE(run.status == nnlab::RunStatus::done);
    REQUIRE(run.best_iteration == 1);
    REQUIRE(run.restored_iteration == 1u); // the initial weights, restored
    // The fingerprint is that of the stored initial weights: W1 b1 W2 b2, each column-major.
    arma::vec params;
    for (const char* name : {"W1", "b1", "W2", "b2"})
      params = arma::join_cols(params, arma::vectorise(weight(run, name)));
    CHECK(run.init_fingerprint == nnlab::params_fingerprint(params));
    fingerprints.insert(run.init_fingerprint);

    const auto [it, first] = first_of_seed.emplace(spec.seed, run);
    if (first) continue;
    CHECK(run.init_fingerprint == it->second.init_fingerprint);
    CHECK(same_bits(weight(run, "W1"), weight(it->second, "W1")));
    CHECK(same_bits(weight(run, "b2"), weight(it->second, "b2")));
  }
  REQUIRE(first_of_seed.size() == 2);
  CHECK(fingerprints.size() == 2);
  CHECK_FALSE(same_bits(weight(first_of_seed[1], "W1"), weight(first_of_seed[2], "W1")));
}

TEST_CASE("Paired runs: with mini-batches, the runs of a seed see the same batches whatever "
          "their optimizer or learning rate, and other seeds do not",
          "[engine][paired]") {
  const auto specs = expand(sweep + "training: {iterations: 12, batch_size: 16}\n");
  nnlab::DatasetCache datasets(nnlab::test::registry());
  std::map<std::uint64_t, std::vector<arma::vec>> batches_of_seed;
  std::size_t compared = 0;
  for (const auto& spec : specs) {
    CAPTURE(spec.point_label(), spec.seed);
    nnlab::PreparedRun run = nnlab::prepare_run(spec, nnlab::test::registry(), datasets);
    const auto log = std::make_shared<GradientLog>();
    run.optimizer = log; // the run's streams come from its config: sgd, momentum or adam
    nnlab::execute_run(run);
    REQUIRE(log->log.size() == 12);
    const auto [it, first] = batches_of_seed.emplace(spec.seed, log->log);
    if (first) continue;
    for (std::size_t t = 0; t < 12; ++t) {
      CAPTURE(t);
      CHECK(same_bits(log->log[t], it->second[t]));
    }
    ++compared;
  }
  CHECK(compared == specs.size() - 2);
  // Another seed starts from other weights and draws other batches: no gradient in common.
  const auto& one = batches_of_seed[1];
  const auto& two = batches_of_seed[2];
  for (std::size_t t = 0; t < 12; ++t)
    CHECK_FALSE(same_bits(one[t], two[t]));
  // The 40 training samples of 60 (XOR holds a third out for testing) make 3 batches of
  // 16 per epoch, reshuffled each epoch: with the weights fixed, epoch 2 starts with
  // another batch than epoch 1.
  CHECK_FALSE(same_bits(one[0], one[3]));
}

TEST_CASE("Paired runs: a run of fewer iterations is the start of a longer one, to the bit",
          "[engine][paired]") {
  // Iterations are not drawn from: the shorter run's whole history is the longer one's.
  const std::string body = R"(name: paired
seed: 11
dataset: {plugin: xor, n_samples: 60}
model: {layers: [4, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: momentum, learning_rate: 0.1, momentum: 0.9}
sweep:
  training.iterations: [7, 20]
training: {iterations: 5, batch_size: 10}
)";
  const auto specs = expand(body);
  REQUIRE(specs.size() == 2);
  REQUIRE(specs[0].id != specs[1].id);
  nnlab::DatasetCache datasets(nnlab::test::registry());
  const auto short_run =
      nnlab::execute_run(nnlab::prepare_run(specs[0], nnlab::test::registry(), datasets));
  const auto long_run =
      nnlab::execute_run(nnlab::prepare_run(specs[1], nnlab::test::registry(), datasets));
  CHECK(short_run.init_fingerprint == long_run.init_fingerprint);
  REQUIRE(short_run.series.cost_train.n_elem == 7);
  REQUIRE(long_run.series.cost_train.n_elem == 20);
  CHECK(same_bits(short_run.series.cost_train, long_run.series.cost_train.head(7)));
  CHECK(same_bits(short_run.series.accuracy_test, long_run.series.accuracy_test.head(7)));
}
