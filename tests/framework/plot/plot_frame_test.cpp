#include <catch2/catch.hpp>

#include <string>

#include "nnlab/plot/band_plot.hpp"
#include "nnlab/plot/cost_plot.hpp"
#include "nnlab/plot/decision_surface.hpp"
#include "nnlab/plot/heatmap_plot.hpp"
#include "nnlab/plot/plot_frame.hpp"
#include "nnlab/plot/speed_plot.hpp"
#include "nnlab/plot/sweep_plot.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

// Every plot kind states its title, axis labels, grid and legend through plot_preamble(),
// so they read alike: same x label over iterations, same grid, same legend style.

namespace {
const std::string grid_lines = " back lt 1 lw 1 lc rgb '#dddddd'\n";
} // namespace

TEST_CASE("PlotFrame: the preamble's title, labels, grid and legend", "[plot]") {
  nnlab::PlotFrame frame{"a 'quoted' title", "Number of iterations", "Test cost"};
  frame.key.longest_label = 10;
  CHECK(nnlab::plot_preamble(frame) == "set title 'a ''quoted'' title'\n"
                                       "set xlabel 'Number of iterations'\n"
                                       "set ylabel 'Test cost'\n"
                                       "set grid xtics ytics" +
                                           grid_lines +
                                           "set key outside right top vertical Left reverse nobox "
                                           "width 2\n");
  frame.key.longest_label = 30; // too long to sit beside the plot: below, two columns
  CHECK_THAT(nnlab::plot_preamble(frame),
             Contains("set key below horizontal Left reverse nobox samplen 2 font ',10' "
                      "maxcols 2\n"));
  frame.key.longest_label = 41;
  CHECK_THAT(nnlab::plot_preamble(frame), Contains("maxcols 1\n"));
  frame.key = {nnlab::PlotKey::Place::screen, 0, 0.5, 0.015, "center bottom", true};
  frame.grid = nnlab::PlotGrid::x;
  frame.title_on_canvas = true;
  frame.y_label.clear();
  CHECK(nnlab::plot_preamble(frame) ==
        "set label 1 'a ''quoted'' title' at screen 0.5, 0.965 center\n"
        "set xlabel 'Number of iterations'\n"
        "set grid xtics" +
            grid_lines +
            "set key at screen 0.5, screen 0.015 center bottom horizontal Left "
            "reverse nobox\n");
  frame.key.place = nnlab::PlotKey::Place::none;
  frame.grid = nnlab::PlotGrid::none;
  CHECK_THAT(nnlab::plot_preamble(frame), !Contains("set grid") && Contains("unset key\n"));
}

TEST_CASE("PlotFrame: every kind starts from the same preamble and renders", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  const arma::vec curve{1.0, 0.5, 0.25};
  nnlab::add_cost_plot(renderer, "cost", {curve, curve / 2, {}, {}}, "cost");
  nnlab::add_sweep_plot(renderer, "sweep", {{"group", {curve}}}, "sweep", "Test cost", true);
  nnlab::add_band_plot(renderer, "band", {{"group", 0, curve, curve / 2, curve * 2, 0}}, "band",
                       "Test cost", true);
  nnlab::add_speed_plot(renderer, "speed", {{"group", 0, {2}, 1}}, "speed", "Number of iterations",
                        3);
  nnlab::Heatmap map{"a", "b", {"1", "2"}, {"3"}, arma::mat(2, 1)};
  map.value(0, 0) = 1.0;
  map.value(1, 0) = 2.0;
  nnlab::add_heatmap_plot(renderer, "heatmap", map, "heatmap", "final cost", false);
  nnlab::DataSplit data;
  data.train.X = {{0.0, 1.0}, {0.0, 1.0}};
  data.train.y = {0, 1};
  nnlab::Mlp mlp({2,
                  {1},
                  nnlab::Activation(nnlab::Activation::Kind::tanh),
                  nnlab::Activation(nnlab::Activation::Kind::sigmoid)});
  nnlab::add_decision_plot(renderer, "decision", mlp, data, "decision", 10);
  REQUIRE(renderer.render().size() == 6);

  const auto script = [&](const std::string& stem) {
    const std::string text = nnlab::test::read_text(tmp.path() / (stem + ".gp"));
    const auto body = text.find("set output");
    return text.substr(text.find('\n', body) + 1); // after the terminal and output lines
  };
  // Over iterations: the same x label, grid and legend style.
  for (const char* stem : {"cost", "sweep", "band", "speed"}) {
    CAPTURE(stem);
    const std::string body = script(stem);
    CHECK_THAT(body, Contains("set xlabel 'Number of iterations'\n"));
    CHECK_THAT(body, Contains(grid_lines));
    CHECK_THAT(body, Contains(" Left reverse nobox"));
  }
  CHECK_THAT(script("sweep"), StartsWith("set title 'sweep'\nset xlabel 'Number of "
                                         "iterations'\nset ylabel 'Test cost'\nset grid xtics "
                                         "ytics" +
                                         grid_lines));
  CHECK_THAT(script("band"), StartsWith("set title 'band'\nset xlabel 'Number of "
                                        "iterations'\nset ylabel 'Test cost'\nset grid xtics "
                                        "ytics" +
                                        grid_lines));
  CHECK_THAT(script("cost"), Contains("set key inside right top vertical Left reverse nobox\n"));
  // Images: no grid over the cells, the title from the same place.
  CHECK_THAT(script("heatmap"), StartsWith("set title 'heatmap'\nset xlabel 'b'\nset ylabel "
                                           "'a'\nunset key\n"));
  CHECK_THAT(script("decision"), StartsWith("set label 1 'decision' at screen 0.5, 0.965 center\n"
                                            "set xlabel 'x1'\nset ylabel 'x2'\nset key at screen"));
}
