#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "nnlab/report/key_importance.hpp"


namespace {

/// A sweep point of a hand-made table: its keys' values and its runs' final values.
nnlab::SweepPoint point(std::vector<std::string> values, std::vector<double> finals) {
  nnlab::SweepPoint p;
  for (const auto& v : values)
    p.numbers.push_back(std::strtod(v.c_str(), nullptr));
  p.values = std::move(values);
  p.finals = std::move(finals);
  p.runs.resize(p.finals.size());
  return p;
}

/// keys "a" (categorical) and "b" (numeric), levels as given; points as given.
nnlab::SweepPoints table(std::string mode, std::vector<nnlab::SweepPoint> points) {
  nnlab::SweepPoints sweep;
  sweep.metric = "cost_test";
  sweep.mode = std::move(mode);
  sweep.keys = {{"a", false, false, {}}, {"b", true, false, {}}};
  for (const auto& p : points)
    for (std::size_t k = 0; k < 2; ++k)
      if (std::find(sweep.keys[k].levels.begin(), sweep.keys[k].levels.end(), p.values[k]) ==
          sweep.keys[k].levels.end())
        sweep.keys[k].levels.push_back(p.values[k]);
  sweep.points = std::move(points);
  return sweep;
}

} // namespace

TEST_CASE("KeyImportance: the variance split of a 2 x 2 grid computed by hand", "[report][stats]") {
  // Cells (a, b): seeds. Means 2, 6, 5, 3; grand mean 4.
  // a: level means 4 and 4 -> SS_a = 0. b: 3.5 and 4.5 -> SS_b = 8 runs x 0.25 = 2.
  // SS_points = 2 x (4 + 4 + 1 + 1) = 20 -> SS_inter = 20 - 0 - 2 = 18.
  // SS_seed = 8 x 1 = 8. SS_total = 28 (9+1+1+9+0+4+4+0).
  const auto split = nnlab::split_variance({{1, 3}, {5, 7}, {4, 6}, {2, 4}},
                                           {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, {2, 2});
  CHECK(split.total_sum_of_squares == Approx(28.0));
  CHECK(split.runs == 8);
  CHECK(split.replicates == 2);
  REQUIRE(split.main_effects.size() == 2);
  CHECK(split.main_effects[0] == Approx(0.0).margin(1e-15));
  CHECK(split.main_effects[1] == Approx(2.0 / 28.0));
  CHECK(split.interactions == Approx(18.0 / 28.0));
  CHECK(split.seed == Approx(8.0 / 28.0));
}

TEST_CASE("KeyImportance: the variance split of a 3 x 2 grid computed by hand, shares add to 1",
          "[report][stats]") {
  // Grand mean 39/12 = 3.25. a: 2.75, 4.75, 2.25 -> SS_a = 4 (0.25 + 2.25 + 1) = 14.
  // b: 1.5, 5 -> SS_b = 6 (3.0625 + 3.0625) = 36.75. Cell means 1.5 4 2.5 7 0.5 4 ->
  // SS_points = 2 x 26.375 = 52.75, SS_inter = 2. SS_seed = 5.5. SS_total = 58.25.
  const auto split =
      nnlab::split_variance({{1, 2}, {4, 4}, {2, 3}, {6, 8}, {0, 1}, {3, 5}},
                            {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 1}}, {3, 2});
  CHECK(split.total_sum_of_squares == Approx(58.25));
  CHECK(split.main_effects[0] == Approx(14.0 / 58.25));
  CHECK(split.main_effects[1] == Approx(36.75 / 58.25));
  CHECK(split.interactions == Approx(2.0 / 58.25));
  CHECK(split.seed == Approx(5.5 / 58.25));
  CHECK(split.main_effects[0] + split.main_effects[1] + split.interactions + split.seed ==
        Approx(1.0));
}

TEST_CASE("KeyImportance: a split refuses what is not a balanced full grid", "[report][stats]") {
  CHECK_THROWS_AS(nnlab::split_variance({{1, 2}, {3, 4}, {5, 6}}, {{0, 0}, {0, 1}, {1, 0}}, {2, 2}),
                  std::invalid_argument); // a combination missing
  CHECK_THROWS_AS(nnlab::split_variance({{1, 2}, {3}}, {{0}, {1}}, {2}),
                  std::invalid_argument); // unequal replicates
  CHECK_THROWS_AS(nnlab::split_variance({{1}, {3}}, {{0}, {0}}, {2}),
                  std::invalid_argument); // a combination twice
}

TEST_CASE("KeyImportance: Spearman's rho and eta on ranks computed by hand", "[report][stats]") {
  // d = 1 1 1 1 0: rho = 1 - 6 x 4 / (5 x 24) = 0.8
  CHECK(nnlab::spearman({1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}) == Approx(0.8));
  CHECK(nnlab::spearman({1, 2, 3, 4, 5}, {50, 40, 30, 20, 10}) == Approx(-1.0));
  // Ties share their ranks: y ranks 1 2.5 2.5 4 -> 4.5 / sqrt(5 x 4.5)
  CHECK(nnlab::spearman({1, 2, 3, 4}, {1, 2, 2, 3}) == Approx(4.5 / std::sqrt(22.5)));
  CHECK(std::isnan(nnlab::spearman({1, 1, 1}, {1, 2, 3})));
  // Ranks 1 2 | 3 4: between 2 (1 + 1) = 4 of total 5
  CHECK(nnlab::rank_eta({"a", "a", "b", "b"}, {1, 2, 3, 4}) == Approx(std::sqrt(0.8)));
  CHECK(nnlab::rank_eta({"a", "b", "a", "b"}, {1, 2, 1, 2}) == Approx(1.0));
}

TEST_CASE("KeyImportance: a full grid is split, anything else ranked with the reason",
          "[report][stats]") {
  const std::vector<nnlab::SweepPoint> grid{point({"x", "1"}, {1, 3}), point({"x", "2"}, {5, 7}),
                                            point({"y", "1"}, {4, 6}), point({"y", "2"}, {2, 4})};
  const auto split = nnlab::key_importance(table("grid", grid));
  REQUIRE(split.method == nnlab::KeyImportance::Method::variance_split);
  REQUIRE(split.bars.size() == 4);
  CHECK(split.bars[1].name == "b");
  CHECK(split.bars[1].value == Approx(2.0 / 28.0));
  CHECK(split.bars[2].name == "interactions");
  CHECK(split.bars[3].name == "seed");
  CHECK(split.bars[3].value == Approx(8.0 / 28.0));

  auto holes = grid;
  holes.pop_back();
  const auto ranked = nnlab::key_importance(table("grid", holes));
  CHECK(ranked.method == nnlab::KeyImportance::Method::rank_correlation);
  CHECK(ranked.why == "3 points, not every one of the 4 combinations of the keys");
  CHECK(ranked.runs == 6);
  CHECK(ranked.bars[0].statistic == "eta on ranks");
  CHECK(ranked.bars[1].statistic == "|Spearman rho|");

  auto failed = grid;
  failed[0].finals[1] = std::nan("");
  CHECK(nnlab::key_importance(table("grid", failed)).why ==
        "some runs have no finite final cost_test (failed or diverged)");
  const auto random = nnlab::key_importance(table("random", grid));
  CHECK(random.method == nnlab::KeyImportance::Method::rank_correlation);
  CHECK(random.why == "a random sweep is not a grid");
  // b against the finals 1 3 4 6 | 5 7 2 4 (b = 1 | 2): rho of ranks, by the formula above
  CHECK(random.bars[1].value ==
        Approx(std::fabs(nnlab::spearman({1, 1, 1, 1, 2, 2, 2, 2}, {1, 3, 4, 6, 5, 7, 2, 4}))));
}
