#include <catch2/catch.hpp>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/train/series_recorder.hpp"
#include "nnlab/train/trainer.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using nnlab::Activation;

namespace {

nnlab::DataSplit tiny_xor() {
  nnlab::DataSplit data;
  data.train.X = {{-1, -1, 1, 1}, {-1, 1, -1, 1}};
  data.train.y = {0, 1, 1, 0};
  data.test = data.train;
  data.feature_names = {"x1", "x2"};
  data.class_names = {"0", "1"};
  return data;
}

// Returns the real loss's value until call `nan_at`, then NaN: a run that blows up.
class NanLoss final : public nnlab::Loss {
public:
  NanLoss(std::shared_ptr<nnlab::Loss> real, int nan_at)
      : real_(std::move(real)), nan_at_(nan_at) {}
  double value(const arma::mat& a, const arma::mat& y) const override {
    return ++calls_ >= nan_at_ ? arma::datum::nan : real_->value(a, y);
  }
  void gradient(const arma::mat& a, const arma::mat& y, arma::mat& d) const override {
    real_->gradient(a, y, d);
  }

private:
  std::shared_ptr<nnlab::Loss> real_;
  int nan_at_;
  mutable int calls_ = 0;
};

class StopAt final : public nnlab::TrainObserver {
public:
  explicit StopAt(arma::uword at) : at_(at) {}
  bool on_iteration(const nnlab::IterationStats& s) override { return s.iteration == at_; }

private:
  arma::uword at_;
};

} // namespace

TEST_CASE("Trainer: records the cost before each update, for train and test", "[train][trainer]") {
  const auto data = tiny_xor();
  nnlab::Mlp mlp(
      {2, {3, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)});
  nnlab::Rng rng(3);
  nnlab::initialize(mlp, {}, rng);
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  nnlab::Nodes nodes = mlp.make_nodes(4);
  const double initial = loss->value(mlp.forward(data.train.X, nodes), arma::mat(data.train.y));

  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  nnlab::SeriesRecorder recorder(20);
  const auto result = nnlab::Trainer().run(mlp, *sgd, *loss, data, {20, 0.5}, recorder);
  const auto series = recorder.take();
  CHECK(result.status == nnlab::TrainResult::Status::done);
  CHECK(result.iterations_done == 20);
  REQUIRE(series.cost_train.n_elem == 20);
  CHECK(series.cost_train[0] == initial);
  CHECK(series.cost_test[0] == initial); // the test set is the train set here
  CHECK(series.cost_train[19] < series.cost_train[0]);
}

TEST_CASE("Trainer: test and training passes share memory, whichever set is larger",
          "[train][trainer]") {
  auto data = tiny_xor();
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  const nnlab::Architecture arch{
      2, {3, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)};
  const arma::mat wide{{-1, 1, 0.5, -0.5, 0.2, 0.9, -0.3}, {-1, -1, 0.5, 0.7, -0.8, 0.1, 0.4}};
  const arma::rowvec wide_y{0, 1, 0, 1, 1, 0, 1};
  const bool test_larger = GENERATE(true, false);
  CAPTURE(test_larger);
  (test_larger ? data.test : data.train).X = wide;
  (test_larger ? data.test : data.train).y = wide_y;

  nnlab::Mlp mlp(arch), alone(arch);
  nnlab::Rng rng(5), same(5);
  nnlab::initialize(mlp, {}, rng);
  nnlab::initialize(alone, {}, same);
  // Each set through its own nodes, as before the workspace was shared.
  const auto cost = [&](const nnlab::Samples& set) {
    nnlab::Nodes nodes = alone.make_nodes(set.X.n_cols);
    return loss->value(alone.forward(set.X, nodes), arma::mat(set.y));
  };
  nnlab::SeriesRecorder recorder(1);
  nnlab::Trainer().run(mlp, *sgd, *loss, data, {1, 0.5}, recorder);
  const auto series = recorder.take();
  CHECK(series.cost_train[0] == cost(data.train));
  CHECK(series.cost_test[0] == cost(data.test));
}

TEST_CASE("Trainer: a non-finite cost stops the run as diverged with a hint", "[train][trainer]") {
  const auto data = tiny_xor();
  nnlab::Mlp mlp(
      {2, {3, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)});
  const NanLoss loss(nnlab::test::make_loss("{plugin: binary_cross_entropy}"), 7);
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  nnlab::SeriesRecorder recorder(50);
  const auto result = nnlab::Trainer().run(mlp, *sgd, loss, data, {50, 0.5}, recorder);
  CHECK(result.status == nnlab::TrainResult::Status::diverged);
  CHECK(result.iterations_done == 3); // calls 1-6 are iterations 1-3 (train, test); 7 is NaN
  CHECK_THAT(result.message, Contains("iteration 4") && Contains("smaller learning rate"));
  CHECK(recorder.take().cost_train.n_elem == 3);
}

TEST_CASE("Trainer: an observer can stop training", "[train][trainer]") {
  const auto data = tiny_xor();
  nnlab::Mlp mlp(
      {2, {2, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)});
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  StopAt stop(5);
  const auto result = nnlab::Trainer().run(mlp, *sgd, *loss, data, {100, 0.1}, stop);
  CHECK(result.status == nnlab::TrainResult::Status::stopped);
  CHECK(result.iterations_done == 5);
}

TEST_CASE("Trainer: the course run (experiments/xor.yaml) learns XOR on data/xor_*.csv",
          "[train][trainer][course]") {
  // This asserts convergence for xor.yaml's own seed, which was chosen among the seeds
  // that converge (about half do with uniform [0, 1) weights; see xor.yaml).
  const auto experiment =
      nnlab::load_experiment(nnlab::test::source_dir() / "experiments/xor.yaml");
  const auto specs = nnlab::expand_sweep(experiment);
  REQUIRE(specs.size() == 1);
  nnlab::DatasetCache datasets(nnlab::test::registry());
  const auto runs = nnlab::prepare_runs(specs, nnlab::test::registry(), datasets);
  REQUIRE(runs[0].data->train.X.n_cols == 1000);
  REQUIRE(runs[0].data->test.X.n_cols == 500);

  const auto record = nnlab::execute_run(runs[0]);
  CHECK(record.status == nnlab::RunStatus::done);
  REQUIRE(record.series.accuracy_test.n_elem == 5000);
  CHECK(record.series.accuracy_test[4999] >= 0.95);
  CHECK(record.series.cost_test[4999] < record.series.cost_test[0]);
  CHECK(record.weights.size() == 6);

  // Same spec, same seed: the same numbers to the bit.
  const auto again = nnlab::execute_run(runs[0]);
  CHECK(arma::approx_equal(record.series.cost_train, again.series.cost_train, "absdiff", 0.0));
}

TEST_CASE("Trainer: the course run in float32 learns XOR as float64 does, to float rounding",
          "[train][trainer][course][float32]") {
  const auto run = [](const std::string& precision) {
    const auto experiment = nnlab::load_experiment(
        nnlab::test::source_dir() / "experiments/xor.yaml", {"model.precision=" + precision});
    const auto specs = nnlab::expand_sweep(experiment); // the prepared runs point into it
    nnlab::DatasetCache datasets(nnlab::test::registry());
    const auto runs = nnlab::prepare_runs(specs, nnlab::test::registry(), datasets);
    return nnlab::execute_run(runs.at(0));
  };
  const auto double_run = run("float64"), single_run = run("float32");
  CHECK(double_run.precision == "float64");
  CHECK(single_run.precision == "float32");
  REQUIRE(single_run.status == nnlab::RunStatus::done);
  REQUIRE(single_run.series.cost_test.n_elem == 5000);
  CHECK(single_run.series.accuracy_test[4999] >= 0.95);
  // The precision is part of the run's identity, so the two runs start from different
  // draws: each learns on its own, the float32 one as well as the float64 one.
  CHECK(single_run.series.cost_test[4999] < 0.1 * single_run.series.cost_test[0]);
  CHECK(single_run.series.cost_test[4999] < 2 * double_run.series.cost_test[4999]);
  // Every recorded cost is a double mean over float outputs, never a float itself.
  CHECK(arma::any(single_run.series.cost_train !=
                  arma::conv_to<arma::vec>::from(
                      arma::conv_to<arma::fvec>::from(single_run.series.cost_train))));
  // Same spec, same seed: the same float32 numbers to the bit.
  const auto again = run("float32");
  CHECK(arma::approx_equal(single_run.series.cost_train, again.series.cost_train, "absdiff", 0.0));
  CHECK(arma::approx_equal(single_run.weights[0].second, again.weights[0].second, "absdiff", 0.0));
}

namespace {

// Keeps a copy of the parameters and the optimizer state after update `at`.
class SnapshotAfter final : public nnlab::TrainObserver {
public:
  explicit SnapshotAfter(arma::uword at) : at_(at) {}
  bool on_iteration(const nnlab::IterationStats&) override { return false; }
  bool after_step(arma::uword iteration, const nnlab::Mlp& mlp,
                  const nnlab::Optimizer& optimizer) override {
    if (iteration != at_) return false;
    params = mlp.params();
    state = optimizer.state();
    return true;
  }
  arma::vec params;
  nnlab::OptimizerState state;

private:
  arma::uword at_;
};

} // namespace

TEST_CASE("Trainer: after_step sees the updated parameters and can stop", "[train][trainer]") {
  const auto data = tiny_xor();
  const nnlab::Architecture arch{
      2, {3, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)};
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  nnlab::Mlp mlp(arch), reference(arch);
  nnlab::Rng rng(3), same(3);
  nnlab::initialize(mlp, {}, rng);
  nnlab::initialize(reference, {}, same);

  SnapshotAfter snapshot(4);
  nnlab::ObserverList observers;
  observers.add(snapshot);
  const auto result = nnlab::Trainer().run(mlp, *sgd, *loss, data, {100, 0.5}, observers);
  CHECK(result.status == nnlab::TrainResult::Status::stopped);
  CHECK(result.iterations_done == 4);
  CHECK_THAT(result.message, Contains("after iteration 4"));
  nnlab::SeriesRecorder recorder(4);
  nnlab::Trainer().run(reference, *sgd, *loss, data, {4, 0.5}, recorder);
  CHECK(arma::approx_equal(snapshot.params, reference.params(), "absdiff", 0.0));
}

TEST_CASE("Trainer: a start after k iterations with the optimizer's state continues the run",
          "[train][trainer]") {
  const auto data = tiny_xor();
  const nnlab::Architecture arch{
      2, {3, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)};
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto momentum = nnlab::test::make_optimizer("{plugin: momentum, momentum: 0.9}");
  nnlab::Mlp whole(arch), first(arch), second(arch);
  for (nnlab::Mlp* mlp : {&whole, &first}) {
    nnlab::Rng rng(8);
    nnlab::initialize(*mlp, {}, rng);
  }
  nnlab::SeriesRecorder all(30);
  nnlab::Trainer().run(whole, *momentum, *loss, data, {30, 0.3}, all);

  SnapshotAfter snapshot(12);
  nnlab::Trainer().run(first, *momentum, *loss, data, {30, 0.3}, snapshot);
  REQUIRE(snapshot.state.size() == 1);
  second.params() = snapshot.params;
  nnlab::SeriesRecorder rest(30);
  const auto result =
      nnlab::Trainer().run(second, *momentum, *loss, data, {30, 0.3}, rest, {12, &snapshot.state});
  CHECK(result.status == nnlab::TrainResult::Status::done);
  CHECK(result.iterations_done == 30);
  const auto tail = rest.take();
  REQUIRE(tail.cost_train.n_elem == 18); // iterations 13..30
  CHECK(arma::approx_equal(tail.cost_train, all.take().cost_train.tail(18), "absdiff", 0.0));
  CHECK(arma::approx_equal(second.params(), whole.params(), "absdiff", 0.0));

  // Without the velocity, momentum would not continue the same way.
  nnlab::Mlp cold(arch);
  cold.params() = snapshot.params;
  nnlab::SeriesRecorder ignored(30);
  nnlab::Trainer().run(cold, *momentum, *loss, data, {30, 0.3}, ignored, {12});
  CHECK_FALSE(arma::approx_equal(cold.params(), whole.params(), "absdiff", 0.0));

  CHECK_THROWS_AS(nnlab::Trainer().run(cold, *momentum, *loss, data, {30, 0.3}, ignored, {31}),
                  std::invalid_argument);
}
