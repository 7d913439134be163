#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <vector>

#include "nnlab/engine/run_executor.hpp"
#include "nnlab/train/early_stopping.hpp"
#include "support/plugins.hpp"

using nnlab::Monitor;

namespace {

// Feeds `values` as the monitored series (the other series stay 0, so watching the
// wrong one shows) until the observer asks to stop; returns that iteration, or 0.
arma::uword drive(nnlab::EarlyStopping& stopping, const std::vector<double>& values,
                  arma::uword first = 1) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    nnlab::IterationStats stats;
    stats.iteration = first + i;
    stats.*stopping.settings().monitor.series().measured = values[i];
    if (stopping.on_iteration(stats)) return stats.iteration;
  }
  return 0;
}

// A hand-made run on the four XOR points (input 2, network 3-1, momentum).
struct TinyRun {
  nnlab::RunSpec spec;
  nnlab::PreparedRun run;
};

std::unique_ptr<TinyRun> tiny_run(const nnlab::TrainSettings& training) {
  auto data = std::make_shared<nnlab::DataSplit>();
  data->train.X = {{-1, -1, 1, 1}, {-1, 1, -1, 1}};
  data->train.y = {0, 1, 1, 0};
  data->test = data->train;
  auto tiny = std::make_unique<TinyRun>();
  tiny->spec.id = "00000000000000e5";
  tiny->spec.experiment_seed = 5;
  // Member by member: GCC 12 takes the aggregate's defaulted members for uninitialised.
  nnlab::PreparedRun& run = tiny->run;
  run.spec = &tiny->spec;
  run.data = data;
  run.optimizer = nnlab::test::make_optimizer("{plugin: momentum, momentum: 0.9}");
  run.loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  run.architecture = nnlab::Architecture{2,
                                         {3, 1},
                                         nnlab::Activation(nnlab::Activation::Kind::tanh),
                                         nnlab::Activation(nnlab::Activation::Kind::sigmoid)};
  run.config = nnlab::ConfigNode::map();
  run.parsed.training = training;
  return tiny;
}

} // namespace

struct StopCase {
  Monitor monitor;
  std::vector<double> values;
  arma::uword patience;
  double min_delta;
  arma::uword stop; ///< 0: never
  arma::uword best;
};

TEST_CASE("EarlyStopping: stops after patience iterations without an improvement",
          "[train][early_stopping]") {
  const std::vector<double> dip{1.0, 0.9, 0.8, 0.85, 0.81, 0.79, 0.8, 0.82, 0.83};
  const auto c = GENERATE_COPY(values<StopCase>({
      {Monitor("cost_test"), dip, 3, 0.0, 9, 6},
      // 0.79 beats 0.8 by 0.01 only: not by more than 0.02
      {Monitor("cost_test"), dip, 3, 0.02, 6, 3},
      // exactly min_delta is no improvement either
      {Monitor("cost_train"), {1.0, 0.5, 0.5}, 2, 0.5, 3, 1},
      {Monitor("cost_train"), {1.0, 0.9, 0.8, 0.7, 0.6}, 1, 0.0, 0, 5},
      // accuracies improve upward: a falling accuracy is no improvement
      {Monitor("accuracy_train"), {0.5, 0.6, 0.6, 0.55, 0.7}, 2, 0.0, 4, 2},
      {Monitor("accuracy_test"), {0.5, 0.4, 0.3, 0.2}, 3, 0.0, 4, 1},
      {Monitor("accuracy_test"), {0.5, 0.75, 1.0, 1.0, 1.0}, 3, 0.0, 0, 3},
  }));
  CAPTURE(nnlab::to_string(c.monitor), c.values, c.patience, c.min_delta);
  nnlab::EarlyStopping stopping({c.patience, c.min_delta, c.monitor});
  CHECK(drive(stopping, c.values) == c.stop);
  CHECK(stopping.stopped_at() == c.stop);
  CHECK(stopping.best_iteration() == c.best);
}

TEST_CASE("EarlyStopping: the message names the stop, the monitor, the rule and the best",
          "[train][early_stopping]") {
  nnlab::EarlyStopping stopping({3, 0.02, Monitor("cost_test")});
  REQUIRE(drive(stopping, {1.0, 0.9, 0.8, 0.85, 0.81, 0.79}) == 6);
  CHECK(stopping.message() == "early stop at iteration 6: no improvement of cost_test by more "
                              "than 0.02 in 3 iterations (best at 3)");
}

TEST_CASE("EarlyStopping: restore(state()) continues where it was", "[train][early_stopping]") {
  const std::vector<double> values{1.0, 0.9, 0.8, 0.85, 0.81, 0.79, 0.8, 0.82, 0.83};
  nnlab::EarlyStopping first({3, 0.0, Monitor("cost_test")});
  REQUIRE(drive(first, {values.begin(), values.begin() + 7}) == 0);
  nnlab::EarlyStopping second({3, 0.0, Monitor("cost_test")});
  second.restore(first.state());
  CHECK(drive(second, {values.begin() + 7, values.end()}, 8) == 9);
  CHECK(second.best_iteration() == 6);
}

TEST_CASE("EarlyStopping: monitor names and bad settings", "[train][early_stopping]") {
  for (const auto& name : nnlab::monitor_names()) {
    CAPTURE(name);
    REQUIRE(nnlab::monitor_from(name).has_value());
    CHECK(nnlab::to_string(*nnlab::monitor_from(name)) == name);
  }
  CHECK_FALSE(nnlab::monitor_from("cost").has_value());
  CHECK_THROWS_AS(nnlab::EarlyStopping({0, 0.0, Monitor("cost_test")}), std::invalid_argument);
  CHECK_THROWS_AS(nnlab::EarlyStopping({1, -0.1, Monitor("cost_test")}), std::invalid_argument);
}

TEST_CASE("EarlyStopping: execute_run stops the run as done and records the best iteration",
          "[train][early_stopping]") {
  const auto full = tiny_run({.iterations = 300, .learning_rate = 0.3});
  const auto whole = nnlab::execute_run(full->run);
  REQUIRE(whole.series.cost_test.n_elem == 300);
  CHECK(whole.best_iteration == 0); // no early stopping configured

  // Where the observer stops on the whole run's series is where the run must stop.
  const nnlab::EarlyStoppingSettings rule{10, 0.0, Monitor("accuracy_test")};
  nnlab::EarlyStopping expected(rule);
  const auto values = arma::conv_to<std::vector<double>>::from(whole.series.accuracy_test);
  const arma::uword stop = drive(expected, values);
  REQUIRE(stop > 10);

  const auto early = tiny_run({.iterations = 300, .learning_rate = 0.3, .early_stopping = rule});
  const auto record = nnlab::execute_run(early->run);
  CHECK(record.status == nnlab::RunStatus::done);
  CHECK(record.iterations_done == stop);
  CHECK(record.best_iteration == expected.best_iteration());
  CHECK(record.message == expected.message());
  CHECK(arma::approx_equal(record.series.cost_test, whole.series.cost_test.head(stop), "absdiff",
                           0.0));
}

TEST_CASE("EarlyStopping: keep_best copies the parameters each time the monitor improves",
          "[train][early_stopping]") {
  nnlab::EarlyStopping stopping({3, 0.0, Monitor("cost_test")});
  arma::vec params(4, arma::fill::zeros);
  stopping.keep_best(params);
  REQUIRE(stopping.best_params().n_elem == 4);
  const double* buffer = stopping.best_params().memptr();
  const std::vector<double> values{1.0, 0.9, 0.95, 0.8, 0.85};
  for (std::size_t i = 0; i < values.size(); ++i) {
    params.fill(static_cast<double>(i + 1)); // the parameters of iteration i + 1
    nnlab::IterationStats stats;
    stats.iteration = i + 1;
    stats.cost_test = values[i];
    stopping.on_iteration(stats);
  }
  CHECK(stopping.best_iteration() == 4);
  CHECK(arma::all(stopping.best_params() == 4.0));  // those the best value was measured on
  CHECK(stopping.best_params().memptr() == buffer); // copied into the buffer sized once

  // A resumed run gets its best parameters back; a state that does not fit is refused.
  nnlab::EarlyStopping resumed({3, 0.0, Monitor("cost_test")});
  resumed.keep_best(params);
  resumed.restore(stopping.state());
  CHECK(arma::all(resumed.best_params() == 4.0));
  nnlab::EarlyStoppingState short_state = stopping.state();
  short_state.best_params.resize(3);
  CHECK_THROWS_AS(resumed.restore(short_state), std::invalid_argument);
  nnlab::EarlyStopping plain({3, 0.0, Monitor("cost_test")});
  CHECK_THROWS_AS(plain.restore(stopping.state()), std::invalid_argument);
}
