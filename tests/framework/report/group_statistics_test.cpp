#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/report/group_plots.hpp"
#include "nnlab/report/group_statistics.hpp"
#include "nnlab/report/store_plots.hpp"
#include "nnlab/stats/holm.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/tiny_store.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const double inf = INFINITY;

/// A run of `seed` whose test cost falls linearly from 1 to `final` over 100 iterations,
/// started from the initial weights of its seed (as in a store of format 2).
nnlab::StoredRun run(std::uint64_t seed, double final,
                     nnlab::RunStatus status = nnlab::RunStatus::done) {
  nnlab::RunRecord record;
  record.seed = seed;
  record.init_fingerprint = "00000000000000" + std::to_string(10 + seed % 90);
  record.status = status;
  record.series.cost_test = arma::linspace(1.0, final, 100);
  if (status == nnlab::RunStatus::diverged) record.series.cost_test(arma::span(50, 99)).fill(NAN);
  return {std::move(record), nnlab::parse_yaml("{}", "test")};
}

nnlab::OutcomeGroup group(const std::string& label, const std::vector<nnlab::StoredRun>& runs,
                          double target) {
  nnlab::OutcomeGroup outcome;
  outcome.label = label;
  for (const auto& r : runs)
    nnlab::add_outcome(outcome, r, "cost_test", target);
  return outcome;
}

} // namespace

TEST_CASE("GroupStatistics: iterations to a target, never as +inf", "[report][statistics]") {
  CHECK(nnlab::iterations_to_target({5, 3, 1, 0.5}, 1.0) == 3.0);
  CHECK(nnlab::iterations_to_target({5, 3, 2}, 1.0) == inf);
  CHECK(nnlab::iterations_to_target({}, 1.0) == inf);
}

TEST_CASE("GroupStatistics: each group against the first, paired by seed, Holm over the table",
          "[report][statistics]") {
  // seeds out of order in one group: pairs still line up by seed
  const std::vector<nnlab::StoredRun> sgd{run(1, 0.5), run(2, 0.4), run(3, 0.6), run(4, 0.3),
                                          run(5, 0.45)};
  const std::vector<nnlab::StoredRun> fast{run(3, 0.2), run(1, 0.1), run(2, 0.15), run(5, 0.5),
                                           run(4, 0.05)};
  const std::vector<nnlab::StoredRun> same{run(1, 0.5), run(2, 0.4), run(3, 0.6), run(4, 0.3),
                                           run(5, 0.45)};
  const double target = 0.55;
  const auto statistics = nnlab::group_statistics(
      {group("sgd", sgd, target), group("fast", fast, target), group("same", same, target)},
      "cost_test", target, {});
  CHECK(statistics.baseline == "sgd");
  CHECK(statistics.lower_is_better);
  REQUIRE(statistics.rows.size() == 4);
  // first each group on the final value, then each on iterations
  const auto& final_fast = statistics.rows[0];
  CHECK(final_fast.group == "fast");
  CHECK_FALSE(final_fast.iterations);
  CHECK(statistics.rows[2].iterations);
  CHECK(final_fast.result.paired);
  CHECK(final_fast.seeds == std::vector<std::uint64_t>{1, 2, 3, 4, 5});
  const std::vector<double> fast_final{0.1, 0.15, 0.2, 0.05, 0.5},
      sgd_final{0.5, 0.4, 0.6, 0.3, 0.45};
  const auto expected = nnlab::stats::compare_paired(fast_final, sgd_final, true);
  CHECK(final_fast.result.difference == expected.difference);
  CHECK(final_fast.result.low == expected.low);
  CHECK(final_fast.result.p_value == expected.p_value);
  CHECK(final_fast.result.win_rate == 0.8); // seed 5: 0.5 against 0.45
  CHECK(final_fast.differences[0] == 0.1 - 0.5);
  // identical runs: every difference zero, no evidence either way
  CHECK(statistics.rows[1].result.difference == 0.0);
  CHECK(statistics.rows[1].result.p_value == 1.0);
  CHECK(statistics.rows[1].result.win_rate == 0.5);
  // iterations to 0.55: the cost falls linearly, so a lower final gets there sooner;
  // sgd's seed 3 (0.6) never does
  const auto& iterations_fast = statistics.rows[2];
  CHECK(iterations_fast.differences[2] == -inf);
  std::vector<double> p;
  for (const auto& row : statistics.rows)
    p.push_back(row.result.p_value);
  const auto holm = nnlab::stats::holm(p);
  for (std::size_t r = 0; r < 4; ++r)
    CHECK(statistics.rows[r].p_holm == holm[r]);
}

TEST_CASE("GroupStatistics: a diverged run is the worst, a failed one leaves its pair",
          "[report][statistics]") {
  const std::vector<nnlab::StoredRun> base{run(1, 0.5), run(2, 0.4), run(3, 0.6), run(4, 0.3)};
  const std::vector<nnlab::StoredRun> other{run(1, 0.1), run(2, 0.2, nnlab::RunStatus::diverged),
                                            run(3, 0.2, nnlab::RunStatus::failed), run(4, 0.1)};
  const auto statistics = nnlab::group_statistics(
      {group("base", base, 0.45), group("other", other, 0.45)}, "cost_test", 0.45, {});
  const auto& row = statistics.rows[0];
  CHECK(row.result.paired);
  CHECK(row.result.n == 3);
  CHECK(row.seeds == std::vector<std::uint64_t>{1, 2, 4});
  CHECK(row.differences[1] == inf);
  // iterations to 0.45: seed 1's baseline never gets there (0.5), seed 2's diverged run never
  // (seed 4: both reach it, the faster fall first)
  const auto& iterations = statistics.rows[1].differences;
  CHECK(iterations == std::vector<double>{
                          -inf, inf,
                          nnlab::iterations_to_target(other[3].record.series.cost_test, 0.45) -
                              nnlab::iterations_to_target(base[3].record.series.cost_test, 0.45)});
  CHECK(iterations[2] < 0.0);
}

TEST_CASE("GroupStatistics: unpaired when the seeds differ, saying why", "[report][statistics]") {
  const std::vector<nnlab::StoredRun> base{run(1, 0.5), run(2, 0.4), run(3, 0.6)};
  const std::vector<nnlab::StoredRun> other{run(7, 0.1), run(8, 0.2), run(9, 0.3), run(10, 0.2)};
  const auto statistics = nnlab::group_statistics(
      {group("base", base, NAN), group("other", other, NAN)}, "cost_test", NAN, {});
  REQUIRE(statistics.rows.size() == 1); // no target: final values only
  const auto& row = statistics.rows[0];
  CHECK_FALSE(row.result.paired);
  CHECK(row.note == "seeds differ: 7 8 9 10 against 1 2 3");
  CHECK(row.differences.empty());
  const auto expected = nnlab::stats::compare_unpaired(std::vector<double>{0.1, 0.2, 0.3, 0.2},
                                                       std::vector<double>{0.5, 0.4, 0.6}, true);
  CHECK(row.result.p_value == expected.p_value);
  CHECK(row.result.difference == expected.difference);
  CHECK(row.result.win_rate == 1.0);
}

TEST_CASE("GroupStatistics: the same seeds are not enough to pair: the initial weights must match",
          "[report][statistics]") {
  const std::vector<nnlab::StoredRun> base{run(1, 0.5), run(2, 0.4), run(3, 0.6)};
  std::vector<nnlab::StoredRun> other{run(1, 0.1), run(2, 0.2), run(3, 0.3)};
  other[1].record.init_fingerprint = "ffffffffffffffff"; // seed 2 started elsewhere
  const auto differ = nnlab::group_statistics(
      {group("base", base, NAN), group("other", other, NAN)}, "cost_test", NAN, {});
  REQUIRE(differ.rows.size() == 1);
  CHECK_FALSE(differ.rows[0].result.paired);
  CHECK(differ.rows[0].note ==
        "seed 2: not paired (initial weights differ: ffffffffffffffff and 0000000000000012)");
  const auto unpaired = nnlab::stats::compare_unpaired(std::vector<double>{0.1, 0.2, 0.3},
                                                       std::vector<double>{0.5, 0.4, 0.6}, true);
  CHECK(differ.rows[0].result.p_value == unpaired.p_value);

  // a store of format 1 drew each run's weights from its whole config: never paired
  other[1].record.init_fingerprint = base[1].record.init_fingerprint;
  for (auto& r : other)
    r.format_version = 1;
  const auto old = nnlab::group_statistics({group("base", base, NAN), group("other", other, NAN)},
                                           "cost_test", NAN, {});
  CHECK_FALSE(old.rows[0].result.paired);
  CHECK(old.rows[0].note == "seed 1: not paired (format 1)");
}

TEST_CASE("GroupStatistics: the baseline by name, errors name the groups", "[report][statistics]") {
  const std::vector<nnlab::StoredRun> a{run(1, 0.5), run(2, 0.4)}, b{run(1, 0.1), run(2, 0.2)};
  const std::vector<nnlab::OutcomeGroup> groups{group("sgd", a, NAN), group("adam", b, NAN)};
  nnlab::StatisticsOptions options;
  options.baseline = "adam";
  const auto statistics = nnlab::group_statistics(groups, "cost_test", NAN, options);
  CHECK(statistics.rows[0].group == "sgd");
  CHECK(statistics.rows[0].baseline == "adam");
  options.baseline = "adma";
  REQUIRE_THROWS_WITH(nnlab::group_statistics(groups, "cost_test", NAN, options),
                      "--baseline 'adma': no such group; groups: sgd, adam");
  REQUIRE_THROWS_AS(nnlab::group_statistics({groups[0]}, "cost_test", NAN, {}), nnlab::ConfigError);
}

TEST_CASE("GroupStatistics: a stored sweep of one key, the same from the store as from the plots",
          "[report][statistics]") {
  const nnlab::test::StudyStore study("study", 5, 200);
  const auto overview = nnlab::load_experiment_store(study.store, nnlab::RunParts::overview);
  CHECK(nnlab::default_compared_metric(overview.runs) == "cost_test");
  const auto statistics = nnlab::experiment_statistics(overview);
  REQUIRE(statistics);
  CHECK(statistics->baseline == "sgd");
  REQUIRE(statistics->rows.size() == 4);
  CHECK(statistics->rows[0].group == "momentum");
  CHECK(statistics->rows[1].group == "nesterov");
  CHECK(statistics->target == nnlab::default_target(overview.runs, "cost_test"));

  // the same numbers, recomputed from the runs with their series
  const auto runs = nnlab::load_runs(study.store.string());
  std::vector<double> sgd, momentum;
  for (const auto& r : runs) {
    const double final = nnlab::final_value(r, "cost_test"); // the stored net's
    if (r.record.label.starts_with("sgd")) sgd.push_back(final);
    if (r.record.label.starts_with("momentum")) momentum.push_back(final);
  }
  const auto expected = nnlab::stats::compare_paired(momentum, sgd, true);
  CHECK(statistics->rows[0].result.p_value == expected.p_value);
  CHECK(statistics->rows[0].result.difference == expected.difference);

  nnlab::PlotRenderer renderer(study.dir.path() / "plots");
  nnlab::StorePlotOptions kinds;
  kinds.kinds = {"differences"};
  const auto plots = nnlab::draw_store_plots(study.store, renderer, kinds, {});
  REQUIRE(plots.statistics);
  REQUIRE(plots.images.size() == 2);
  for (std::size_t r = 0; r < 4; ++r) {
    CAPTURE(r);
    CHECK(plots.statistics->rows[r].result.p_value == statistics->rows[r].result.p_value);
    CHECK(plots.statistics->rows[r].result.low == statistics->rows[r].result.low);
    CHECK(plots.statistics->rows[r].differences == statistics->rows[r].differences);
  }
  // grouped by two keys (here: none varies but the plugin and a key that follows it), no table
  CHECK_FALSE(nnlab::experiment_statistics(overview, {}, {"optimizer.plugin", "seed"}));
}
