#include <catch2/catch.hpp>

#include <limits>

#include "nnlab/report/run_diff.hpp"

namespace {
using namespace nnlab;
using Lines = std::vector<std::string>;

const char* const config_a = "optimizer: {plugin: sgd, learning_rate: 0.05}\n"
                             "training: {iterations: 4}\n";

// A run of four iterations with the config above, stored by the same build.
RunDiffSide side(const std::string& id) {
  RunDiffSide side;
  side.name = "runs.h5:" + id;
  side.run.id = id;
  side.run.seed = 1;
  side.run.label = "lr=0.05";
  side.run.config_yaml = config_a;
  side.run.iterations_done = 4;
  side.run.series.cost_train = {0.7, 0.6, 0.5, 0.4};
  side.run.series.cost_test = {0.8, 0.7, 0.6, 0.5};
  side.run.series.accuracy_train = {0.5, 0.5, 0.75, 1.0};
  side.run.series.accuracy_test = {0.5, 0.5, 0.5, 0.75};
  side.run.weights = {{"W1", arma::mat(arma::rowvec{1.0, 2.0})},
                      {"b1", arma::mat(1, 1, arma::fill::value(0.5))}};
  side.store.nnlab_version = "0.5.0";
  side.store.attributes = {{"git_commit", "abc1234"},
                           {"compiler", "g++ 12.2.0"},
                           {"experiment_seed", "42"},
                           {"plugins",
                            "optimizer/sgd: {file: /a/sgd.so, sha256: 0123456789abcdef0123}\n"
                            "loss/binary_cross_entropy: {file: /a/bce.so, sha256: 99}\n"}};
  return side;
}

} // namespace

TEST_CASE("RunDiff: the first differing iteration comes with both values", "[report]") {
  const auto compared = compare_series("cost_test", {0.8, 0.7, 0.6}, {0.8, 0.7, 0.65});
  CHECK_FALSE(compared.identical);
  CHECK(compared.line == "cost_test: first differs at iteration 3: 0.59999999999999998 -> "
                         "0.65000000000000002; last 0.59999999999999998 -> 0.65000000000000002");
}

TEST_CASE("RunDiff: equal series are identical over their iterations, bit for bit", "[report]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(compare_series("cost_train", {0.5, nan}, {0.5, nan}).line ==
        "cost_train: identical over 2 iterations");
  CHECK(compare_series("cost_train", {0.0}, {-0.0}).line ==
        "cost_train: first differs at iteration 1: 0 -> -0; last 0 -> -0");
  const auto stopped = compare_series("cost_train", {0.5, 0.4, 0.3}, {0.5});
  CHECK_FALSE(stopped.identical);
  CHECK(stopped.line == "cost_train: identical over the first 1 iterations; A has 3, B has 1");
}

TEST_CASE("RunDiff: two runs of different learning rates, as runner diff prints them", "[report]") {
  const RunDiffSide a = side("aaaa");
  RunDiffSide b = side("bbbb");
  b.run.label = "lr=0.1";
  b.run.seed = 2;
  b.run.config_yaml = "optimizer: {plugin: sgd, learning_rate: 0.1}\n"
                      "training: {iterations: 4}\n";
  b.run.series.cost_train(2) = 0.45;
  b.run.series.cost_train(3) = 0.3;
  b.run.series.cost_test(3) = 0.4;
  b.run.weights[1].second(0, 0) = 0.25;
  const RunDiff diff = diff_runs(a, b);
  CHECK(diff.results_differ);
  CHECK(format_run_diff(a, b, diff) ==
        "A: runs.h5:aaaa  lr=0.05 seed=1\n"
        "B: runs.h5:bbbb  lr=0.1 seed=2\n"
        "pairing: not paired (seeds 1 and 2)\n"
        "config:\n"
        "  optimizer.learning_rate: 0.05 -> 0.1\n"
        "  seed: 1 -> 2\n"
        "provenance: identical\n"
        "outcome: identical (done, 4 iterations)\n"
        "results:\n"
        "  cost_train: first differs at iteration 3: 0.5 -> 0.45000000000000001; last "
        "0.40000000000000002 -> 0.29999999999999999\n"
        "  cost_test: first differs at iteration 4: 0.5 -> 0.40000000000000002; last 0.5 -> "
        "0.40000000000000002\n"
        "  accuracy_train: identical over 4 iterations\n"
        "  accuracy_test: identical over 4 iterations\n"
        "  weights: b1 differs first (largest difference 0.25)\n"
        "results differ\n");
}

TEST_CASE("RunDiff: the same run against itself has identical results", "[report]") {
  const RunDiff diff = diff_runs(side("aaaa"), side("aaaa"));
  CHECK_FALSE(diff.results_differ);
  CHECK(diff.config.empty());
  CHECK(diff.provenance.empty());
  CHECK(diff.outcome.empty());
  CHECK(diff.results == Lines{"cost_train: identical over 4 iterations",
                              "cost_test: identical over 4 iterations",
                              "accuracy_train: identical over 4 iterations",
                              "accuracy_test: identical over 4 iterations", "weights: identical"});
}

TEST_CASE("RunDiff: status, message and iterations of a run that diverged", "[report]") {
  RunDiffSide b = side("bbbb");
  b.run.status = RunStatus::diverged;
  b.run.message = "cost is NaN at iteration 2";
  b.run.iterations_done = 2;
  b.run.series.cost_train = {0.7, 0.6};
  const RunDiff diff = diff_runs(side("aaaa"), b);
  CHECK(diff.results_differ);
  CHECK(diff.outcome == Lines{"status: done -> diverged",
                              "message: (none) -> 'cost is NaN at iteration 2'",
                              "iterations: 4 -> 2"});
  CHECK(diff.results.front() ==
        "cost_train: identical over the first 2 iterations; A has 4, B has 2");
}

TEST_CASE("RunDiff: versions, commit and the sha256 of plugins both runs use", "[report]") {
  RunDiffSide b = side("bbbb");
  b.store.nnlab_version = "0.6.0";
  b.store.attributes = {{"git_commit", "def5678"},
                        {"compiler", "g++ 12.2.0"},
                        {"boost_version", "1_74"},
                        {"plugins",
                         "optimizer/sgd: {file: /b/sgd.so, sha256: fedcba9876543210fedc}\n"
                         "loss/binary_cross_entropy: {file: /b/bce.so, sha256: 99}\n"}};
  const RunDiff diff = diff_runs(side("aaaa"), b);
  // The plugin files' paths differ, but the same bytes are the same plugin.
  CHECK(diff.provenance == Lines{"nnlab_version: 0.5.0 -> 0.6.0", "git_commit: abc1234 -> def5678",
                                 "experiment_seed: removed (was 42)",
                                 "plugins.optimizer/sgd.sha256: 0123456789ab -> fedcba987654",
                                 "boost_version: added (1_74)"});
  CHECK_FALSE(diff.results_differ);
}
