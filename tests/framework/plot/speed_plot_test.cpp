#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/plot/speed_plot.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;

TEST_CASE("SpeedPlot: the median counts never as last", "[plot]") {
  CHECK(nnlab::median_iterations({"a", 0, {300, 100, 200}, 0}) == 200.0);
  CHECK(nnlab::median_iterations({"a", 0, {100, 300}, 1}) == 300.0);
  CHECK(nnlab::median_iterations({"a", 0, {100, 300, 200}, 1}) == 250.0);
  CHECK(std::isinf(nnlab::median_iterations({"a", 0, {100}, 1}))); // half never
  CHECK(std::isinf(nnlab::median_iterations({"a", 0, {}, 3})));
  CHECK(std::isnan(nnlab::median_iterations({"a", 0, {}, 0})));
}

TEST_CASE("SpeedPlot: a dot per run, the median, and never in its own column", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  // Rows from the top: "fast" (all reached), "mixed" (1 of 3 never), "slow" (2 of 3 never).
  nnlab::add_speed_plot(
      renderer, "speed",
      {{"fast", 0, {100, 200, 150}, 0}, {"mixed", 1, {400, 600}, 1}, {"slow", 2, {900}, 2}},
      "iterations to 0.1", "iteration", 1000);
  const auto images = renderer.render();
  REQUIRE(images.size() == 1);
  REQUIRE(nnlab::test::is_png(images[0]));
  const auto blocks = nnlab::test::read_data_blocks(tmp.path() / "speed.dat");
  REQUIRE(blocks.size() == 3);
  std::vector<std::vector<double>> medians;
  for (const auto& row : blocks[1])
    if (!row.empty() && !std::isnan(row[0])) medians.push_back(row);
  REQUIRE(medians.size() == 3);
  CHECK(medians[0] == std::vector<double>{150, 2});  // fast, top row
  CHECK(medians[1] == std::vector<double>{600, 1});  // mixed: 400, 600, never
  CHECK(medians[2] == std::vector<double>{1100, 0}); // slow: in the never column (1.1 x 1000)
  std::size_t never = 0;
  for (const auto& row : blocks[2])
    never += !row.empty() && row[0] == 1100.0;
  CHECK(never == 3);
  const std::string script = nnlab::test::read_text(tmp.path() / "speed.gp");
  CHECK_THAT(script, Contains("'mixed (1 of 3 never)' 1") && Contains("'fast' 2") &&
                         Contains("set xtics add ('never' 1100)"));
}
