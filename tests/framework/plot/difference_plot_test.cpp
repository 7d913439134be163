#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/difference_plot.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;

TEST_CASE("DifferencePlot: a dot per seed, the estimate with its interval, infinities aside",
          "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  const double inf = INFINITY;
  // Rows from the top: paired (3 seeds, one never reached the target while the baseline
  // did: +inf), and unpaired (estimate and interval only, the interval open below).
  nnlab::add_difference_plot(renderer, "differences",
                             {{"momentum - sgd", 1, {-200, -100, inf}, -100, -200, inf},
                              {"nesterov - sgd (unpaired)", 2, {}, -50, -inf, 40}},
                             "iterations", "difference in iterations", "median, 95 % interval");
  const auto images = renderer.render();
  REQUIRE(images.size() == 1);
  REQUIRE(nnlab::test::is_png(images[0]));
  nnlab::test::check_renders_by_hand(images[0]);

  const auto blocks = nnlab::test::read_data_blocks(tmp.path() / "differences.dat");
  REQUIRE(blocks.size() == 2);
  // finite values and 0 span -200..40: +inf sits 20 % of that span beyond 40, -inf below -200
  const double plus_inf = 40 + 0.2 * 240, minus_inf = -200 - 0.2 * 240;
  REQUIRE(blocks[0].size() >= 3);
  CHECK(blocks[0][0][0] == -200.0);
  CHECK(blocks[0][0][1] == 1.0 - 0.15); // top row, first of three seeds
  CHECK_THAT(blocks[0][2][0], Catch::Matchers::WithinAbs(plus_inf, 1e-9));
  CHECK(blocks[0][0][2] == 0xff7f0e); // the group's palette colour
  REQUIRE(blocks[1].size() >= 2);
  CHECK(blocks[1][0][0] == -100.0);
  CHECK_THAT(blocks[1][0][3], Catch::Matchers::WithinAbs(plus_inf, 1e-9));
  CHECK(blocks[1][1][1] == 0.0); // the unpaired row, below
  CHECK_THAT(blocks[1][1][2], Catch::Matchers::WithinAbs(minus_inf, 1e-9));

  const std::string script = nnlab::test::read_text(tmp.path() / "differences.gp");
  CHECK_THAT(script, Contains("'momentum - sgd' 1") && Contains("set xtics add ('+inf' ") &&
                         Contains("set xtics add ('-inf' ") &&
                         Contains("set arrow from 0, graph 0 to 0, graph 1") &&
                         Contains("title 'median, 95 % interval'") &&
                         Contains("set xtics -200, 50, 0 nomirror"));
  CHECK_THROWS_AS(nnlab::add_difference_plot(renderer, "none", {}, "t", "x", "m"),
                  nnlab::PlotError);
}

TEST_CASE("DifferencePlot: a long row label keeps its start and end", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  const std::string label =
      "optimizer={plugin: nesterov, learning_rate: 0.01, momentum: 0.9} (3 seeds)";
  nnlab::add_difference_plot(
      renderer, "differences",
      {{"momentum (3 seeds)", 1, {1, 2, 3}, 2, 1, 3}, {label, 2, {1}, 1, 1, 1}}, "t", "x",
      "median, 95 % interval");
  const std::string script = nnlab::test::read_text(tmp.path() / "differences.gp");
  // 48 characters: 29 of the start, "...", 16 of the end
  CHECK_THAT(
      script,
      Contains("('momentum (3 seeds)' 1, 'optimizer={plugin: nesterov, ...: 0.9} (3 seeds)' 0)"));

  // cut alike, two labels would read the same: both stay whole
  const std::string other =
      "optimizer={plugin: nesterov, learning_rate: 0.1, momentum: 0.9} (3 seeds)";
  nnlab::add_difference_plot(renderer, "alike",
                             {{label, 1, {1}, 1, 1, 1}, {other, 2, {1}, 1, 1, 1}}, "t", "x",
                             "median, 95 % interval");
  CHECK_THAT(nnlab::test::read_text(tmp.path() / "alike.gp"),
             Contains("('" + label + "' 1, '" + other + "' 0)"));
}
