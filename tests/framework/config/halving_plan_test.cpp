#include <catch2/catch.hpp>

#include <set>

#include "nnlab/config/halving_plan.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

using Catch::Matchers::Contains;

namespace {

std::string experiment(const std::string& sweep,
                       const std::string& training = "{iterations: 900}") {
  return "name: h\nseed: 42\ndataset: {plugin: csv, train: a.csv}\nmodel: {layers: [3, 1]}\n"
         "loss: {plugin: binary_cross_entropy}\noptimizer: {plugin: sgd, learning_rate: 0.1}\n"
         "training: " +
         training + "\nsweep:\n" + sweep + "seeds: [1, 2, 3]\n";
}

nnlab::Experiment parse(const std::string& text) {
  return nnlab::parse_experiment(nnlab::parse_yaml(text, "h.yaml"), "h.yaml", text);
}

const std::string rates = "  optimizer.learning_rate: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, "
                          "0.1, 0.2, 0.5]\n";

std::string error_of(const std::string& text) {
  try {
    nnlab::expand_sweep(parse(text));
  } catch (const nnlab::ConfigError& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("HalvingPlan: halving keys, defaults and the rungs of one bracket",
          "[config][sweep][halving]") {
  const nnlab::Experiment e = parse(experiment("  mode: halving\n  min_iterations: 100\n" + rates));
  CHECK(e.sweep_mode == nnlab::SweepMode::halving);
  CHECK(e.halving.min_iterations == 100);
  CHECK(e.halving.max_iterations == 900);
  CHECK(e.halving.eta == 3);
  CHECK(e.halving.monitor.empty());
  // The runs are the grid's, ids included: training.iterations is the maximum.
  const auto runs = nnlab::expand_sweep(e);
  REQUIRE(runs.size() == 27);
  const auto grid = nnlab::expand_sweep(parse(experiment(rates)));
  for (std::size_t i = 0; i < runs.size(); ++i)
    CHECK(runs[i].id == grid[i].id);
  const auto brackets = nnlab::plan_brackets(e, 9);
  REQUIRE(brackets.size() == 1);
  CHECK(brackets[0].rungs == std::vector<std::uint64_t>{100, 300, 900});
  CHECK(brackets[0].points == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8});
  // A maximum off the eta grid ends on it: 100, 200, 400, 800, then 1000.
  const nnlab::Experiment off = parse(experiment(
      "  mode: halving\n  min_iterations: 100\n  eta: 2\n  monitor: accuracy_valid\n" + rates,
      "{iterations: 1000}"));
  CHECK(off.halving.eta == 2);
  CHECK(off.halving.monitor == "accuracy_valid");
  CHECK(nnlab::plan_brackets(off, 9)[0].rungs ==
        std::vector<std::uint64_t>{100, 200, 400, 800, 1000});
}

TEST_CASE("HalvingPlan: hyperband's brackets share the points out as Li et al. weigh them",
          "[config][sweep][halving]") {
  const nnlab::Experiment e =
      parse(experiment("  mode: hyperband\n  min_iterations: 100\n" + rates));
  // s_max = 2: n = ceil(3/3 * 9) = 9, ceil(3/2 * 3) = 5, ceil(3/1 * 1) = 3 of 17; 9 points
  // by largest remainders: 4.76 -> 5, 2.65 -> 3, 1.59 -> 1 (9 in all).
  const auto brackets = nnlab::plan_brackets(e, 9);
  REQUIRE(brackets.size() == 3);
  CHECK(brackets[0].rungs == std::vector<std::uint64_t>{100, 300, 900});
  CHECK(brackets[1].rungs == std::vector<std::uint64_t>{300, 900});
  CHECK(brackets[2].rungs == std::vector<std::uint64_t>{900});
  CHECK(brackets[0].points.size() == 5);
  CHECK(brackets[1].points.size() == 3);
  CHECK(brackets[2].points.size() == 1);
  std::set<std::size_t> all;
  for (const auto& bracket : brackets) {
    CHECK(std::is_sorted(bracket.points.begin(), bracket.points.end()));
    all.insert(bracket.points.begin(), bracket.points.end());
  }
  CHECK(all.size() == 9); // every point once
  // The same experiment deals the same way; another seed may not.
  const auto again = nnlab::plan_brackets(e, 9);
  for (std::size_t b = 0; b < brackets.size(); ++b)
    CHECK(again[b].points == brackets[b].points);
}

TEST_CASE("HalvingPlan: samples draw the points as random mode does", "[config][sweep][halving]") {
  const std::string drawn = "  optimizer.learning_rate: {loguniform: [0.001, 1.0]}\n";
  const auto random =
      nnlab::expand_sweep(parse(experiment("  mode: random\n  samples: 5\n" + drawn)));
  const auto halving = nnlab::expand_sweep(
      parse(experiment("  mode: halving\n  min_iterations: 10\n  samples: 5\n" + drawn)));
  REQUIRE(halving.size() == 15);
  for (std::size_t i = 0; i < halving.size(); ++i)
    CHECK(halving[i].id == random[i].id);
}

TEST_CASE("HalvingPlan: bad halving keys are refused with file, line and what was expected",
          "[config][sweep][halving]") {
  CHECK_THAT(error_of(experiment("  mode: halving\n" + rates)),
             Contains("h.yaml:9:3: sweep: missing key 'min_iterations' (the first rung)"));
  CHECK_THAT(error_of(experiment("  mode: halving\n  min_iterations: 900\n" + rates)),
             Contains("h.yaml:10:19: sweep.min_iterations: expected an integer below "
                      "training.iterations (900), got '900'"));
  CHECK_THAT(error_of(experiment("  mode: halving\n  min_iterations: 0\n" + rates)),
             Contains("sweep.min_iterations: expected an integer >= 1, got '0'"));
  CHECK_THAT(error_of(experiment("  mode: halving\n  min_iterations: 10\n  eta: 1\n" + rates)),
             Contains("h.yaml:11:8: sweep.eta: expected an integer >= 2, got '1'"));
  CHECK_THAT(
      error_of(experiment("  mode: halving\n  min_iterations: 10\n  monitor: cost_tset\n" + rates)),
      Contains("h.yaml:11:12: sweep.monitor: unknown series 'cost_tset'; known: accuracy_test, "
               "accuracy_train, accuracy_valid, cost_test, cost_train, cost_valid"));
  CHECK_THAT(error_of(experiment("  mode: halving\n  min_iterations: 10\n" + rates,
                                 "{epochs: 5, batch_size: 10}")),
             Contains("sweep.min_iterations: halving needs training.iterations (the last rung), "
                      "not epochs"));
  CHECK_THAT(error_of(experiment("  mode: halving\n  min_iterations: 10\n"
                                 "  training.iterations: [100, 200]\n")),
             Contains("h.yaml:11:3: sweep.training.iterations: halving and hyperband train every "
                      "point to training.iterations; it cannot be swept"));
  CHECK_THAT(error_of(experiment("  mode: halfing\n  min_iterations: 10\n" + rates)),
             Contains("sweep.mode: unknown mode 'halfing'; did you mean 'halving'?"));
  // Other modes leave the keys unread: --set sweep.mode=grid trains the same points fully.
  CHECK(nnlab::expand_sweep(
            parse(experiment("  mode: grid\n  min_iterations: 10\n  eta: 3\n" + rates)))
            .size() == 27);
}
