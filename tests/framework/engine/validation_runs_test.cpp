// A validation split held out of the training set: stored series, the monitors that
// watch it by default, and restore_best.
#include <catch2/catch.hpp>

#include <cstring>
#include <map>

#include <H5Cpp.h>

#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/storage/run_store.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plugins.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;

namespace {

// 240 XOR samples: 160 to train (a third are the test set), of which validation_fraction
// is held out.
std::string experiment(const std::string& training, const std::string& more = "") {
  return R"(name: valid
seed: 5
dataset: {plugin: xor, n_samples: 240}
model: {layers: [4, 1], init: {kind: xavier_uniform}}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: adam, learning_rate: 0.05}
training: )" +
         training + "\n" + more;
}

std::vector<nnlab::RunSpec> expand(const std::string& text) {
  return nnlab::expand_sweep(
      nnlab::parse_experiment(nnlab::parse_yaml(text, "valid.yaml"), "valid.yaml", text));
}

nnlab::PreparedRun prepare(const nnlab::RunSpec& spec) {
  nnlab::DatasetCache datasets(nnlab::test::registry());
  return nnlab::prepare_run(spec, nnlab::test::registry(), datasets);
}

nnlab::RunRecord train(const std::string& text) {
  const auto specs = expand(text);
  REQUIRE(specs.size() == 1);
  return nnlab::execute_run(prepare(specs[0]));
}

bool same_bits(const arma::mat& a, const arma::mat& b) {
  return a.n_rows == b.n_rows && a.n_cols == b.n_cols &&
         std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0;
}

void require_same_weights(const nnlab::RunRecord& a, const nnlab::RunRecord& b) {
  REQUIRE(a.weights.size() == b.weights.size());
  for (std::size_t i = 0; i < a.weights.size(); ++i) {
    CAPTURE(a.weights[i].first);
    CHECK(same_bits(a.weights[i].second, b.weights[i].second));
  }
}

} // namespace

TEST_CASE("Validation: validation_fraction holds out a stratified part of the training set, "
          "the same for every run of a seed",
          "[engine][validation]") {
  const auto specs = expand(experiment("{iterations: 5, validation_fraction: 0.25}", R"(sweep:
  optimizer: [{plugin: adam}, {plugin: sgd}]
  training.batch_size: [16, 200]
seeds: [1, 2]
)"));
  REQUIRE(specs.size() == 8);
  std::map<std::uint64_t, arma::mat> valid_of_seed;
  for (const auto& spec : specs) {
    CAPTURE(spec.point_label(), spec.seed);
    const nnlab::PreparedRun run = prepare(spec);
    const nnlab::DataSplit& data = *run.data;
    REQUIRE(data.valid.X.n_cols == 40); // round(160 * 0.25)
    REQUIRE(data.train.X.n_cols == 120);
    // Stratified: XOR's classes are near 50/50 in the training set, and so in validation.
    const double share = arma::mean(data.train.y);
    CHECK(arma::mean(data.valid.y) == Approx(share).margin(1.0 / 40));
    const auto [it, first] = valid_of_seed.emplace(spec.seed, data.valid.X);
    if (!first) CHECK(same_bits(data.valid.X, it->second));
  }
  CHECK_FALSE(same_bits(valid_of_seed[1], valid_of_seed[2]));
}

TEST_CASE("Validation: a run with a validation set stores cost_valid and accuracy_valid, one "
          "without stores none",
          "[engine][validation][storage]") {
  const auto with = train(experiment("{iterations: 30, validation_fraction: 0.25}"));
  const auto without = train(experiment("{iterations: 30}"));
  REQUIRE(with.series.cost_valid.n_elem == 30);
  REQUIRE(with.series.accuracy_valid.n_elem == 30);
  CHECK(with.series.cost_valid.is_finite());
  CHECK(with.series.cost_valid[29] < with.series.cost_valid[0]); // it learns
  CHECK(arma::all(with.series.accuracy_valid >= 0.0 && with.series.accuracy_valid <= 1.0));
  // Measured on other samples than the training cost.
  CHECK_FALSE(same_bits(with.series.cost_valid, with.series.cost_train));
  CHECK(without.series.cost_valid.is_empty());
  CHECK(without.series.accuracy_valid.is_empty());

  const nnlab::test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  {
    nnlab::RunStore store = nnlab::RunStore::open(file, {"name: valid\n", "test", "", {}});
    nnlab::RunRecord a = with, b = without;
    a.id = "with";
    b.id = "without";
    store.write_run(a);
    store.write_run(b);
    store.publish();
  }
  const H5::H5File h5(file.string(), H5F_ACC_RDONLY);
  CHECK(h5.nameExists("/runs/with/cost_valid"));
  CHECK(h5.nameExists("/runs/with/accuracy_valid"));
  CHECK_FALSE(h5.nameExists("/runs/without/cost_valid"));
  CHECK_FALSE(h5.nameExists("/runs/without/accuracy_valid"));
  const auto store = nnlab::RunStore::open_read_only(file);
  CHECK(same_bits(store.read_run("with").series.cost_valid, with.series.cost_valid));
  CHECK(store.read_run("without").series.cost_valid.is_empty());
}

TEST_CASE("Validation: early stopping and the adaptive schedule watch cost_valid by default",
          "[engine][validation]") {
  const auto monitors = [](const std::string& training) {
    const auto specs = expand(experiment(training));
    const nnlab::TrainSettings settings = prepare(specs.at(0)).parsed.training;
    return std::make_pair(to_string(settings.early_stopping->monitor),
                          to_string(settings.lr_schedule.monitor));
  };
  const std::string stopping = "early_stopping: {patience: 5}, lr_schedule: {kind: adaptive}";
  CHECK(monitors("{iterations: 5, validation_fraction: 0.2, " + stopping + "}") ==
        std::make_pair(std::string("cost_valid"), std::string("cost_valid")));
  // Without a validation set, as before: the test cost and the training cost.
  CHECK(monitors("{iterations: 5, " + stopping + "}") ==
        std::make_pair(std::string("cost_test"), std::string("cost_train")));
  // A monitor written in the experiment is kept.
  CHECK(monitors("{iterations: 5, validation_fraction: 0.2, early_stopping: {patience: 5, "
                 "monitor: accuracy_test}, lr_schedule: {kind: adaptive, monitor: cost_train}}") ==
        std::make_pair(std::string("accuracy_test"), std::string("cost_train")));
  // And the run stops on it: its message names the validation cost.
  const auto run = train(
      experiment("{iterations: 2000, validation_fraction: 0.2, early_stopping: {patience: 10, "
                 "min_delta: 0.001}}"));
  CHECK(run.iterations_done < 2000);
  CHECK_THAT(run.message, Contains("no improvement of cost_valid by more than 0.001"));
  // Watching a validation series without a validation set is a mistake, named.
  const auto specs =
      expand(experiment("{iterations: 5, early_stopping: {patience: 5, monitor: accuracy_valid}}"));
  REQUIRE_THROWS_WITH(prepare(specs.at(0)),
                      Contains("training.early_stopping.monitor: accuracy_valid needs a "
                               "validation set, and run " +
                               specs[0].id + " has none"));
  REQUIRE_THROWS_AS(prepare(specs.at(0)), nnlab::ConfigError);
}

TEST_CASE("Validation: restore_best keeps the best iteration's weights, those of a run "
          "stopped just before it",
          "[engine][validation][early_stopping]") {
  const std::string stopping =
      "validation_fraction: 0.25, early_stopping: {patience: 15, min_delta: 0.0005";
  const auto best = train(experiment("{iterations: 3000, " + stopping + "}}"));
  REQUIRE(best.status == nnlab::RunStatus::done);
  REQUIRE(best.iterations_done < 3000);                // it did stop early,
  REQUIRE(best.best_iteration > 1);                    // after an improvement,
  REQUIRE(best.best_iteration < best.iterations_done); // then none for `patience` iterations
  // The weights the best validation cost was measured on: after best_iteration - 1 updates.
  REQUIRE(best.restored_iteration.has_value());
  CHECK(*best.restored_iteration == best.best_iteration);
  const auto again = train(experiment("{iterations: " + std::to_string(best.best_iteration - 1) +
                                      ", validation_fraction: 0.25}"));
  CHECK_FALSE(again.restored_iteration.has_value());
  require_same_weights(best, again);
  // The series are the whole run's, as recorded.
  CHECK(best.series.cost_valid.n_elem == best.iterations_done);
  // No later value improved on the best by more than min_delta.
  CHECK(best.series.cost_valid.min() >= best.series.cost_valid[best.best_iteration - 1] - 0.0005);

  // restore_best: false keeps the last weights: the stopping iteration makes no update.
  const auto last = train(experiment("{iterations: 3000, " + stopping + ", restore_best: false}}"));
  CHECK(last.iterations_done == best.iterations_done);
  CHECK_FALSE(last.restored_iteration.has_value());
  const auto until = train(experiment("{iterations: " + std::to_string(last.iterations_done - 1) +
                                      ", validation_fraction: 0.25}"));
  require_same_weights(last, until);
  CHECK_FALSE(same_bits(last.weights[0].second, best.weights[0].second));
}
