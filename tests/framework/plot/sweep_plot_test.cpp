#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_style.hpp"
#include "nnlab/plot/sweep_plot.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;
using nnlab::test::read_data_blocks;

namespace {
/// A decaying cost curve of n iterations; `rate` and `seed` vary it per group and run.
arma::vec cost_curve(arma::uword n, double rate, int seed) {
  const arma::vec it = arma::regspace(1.0, static_cast<double>(n));
  return 0.7 * arma::exp(-rate * it) % (1.0 + 0.05 * arma::sin(it * 0.1 + seed));
}
} // namespace

TEST_CASE("SweepPlot: renders a PNG with one block per run", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  std::vector<nnlab::CurveGroup> groups;
  for (int g = 0; g < 9; ++g) {
    nnlab::CurveGroup group{"alpha=" + std::to_string(0.01 * (g + 1)).substr(0, 4), {}};
    for (int seed = 0; seed < 3; ++seed)
      group.curves.push_back(cost_curve(200 + 10 * seed, 0.002 * (g + 1), seed));
    groups.push_back(group);
  }
  groups[4].curves[1].reset(); // a run with no data is left out

  nnlab::add_sweep_plot(renderer, "sweep", groups, "Test cost", "Cost", false);
  const auto pngs = renderer.render();
  REQUIRE(pngs.size() == 1);
  REQUIRE(nnlab::test::is_png(pngs[0]));
  const std::string script = nnlab::test::read_text(tmp.path() / "sweep.gp");
  REQUIRE_THAT(script, Contains("set ylabel 'Cost'") && Contains("for [i=12:13]") &&
                           Contains("title 'alpha=0.05'") && Contains("'#66d62728'") &&
                           !Contains("logscale"));

  const auto blocks = read_data_blocks(tmp.path() / "sweep.dat");
  REQUIRE(blocks.size() == 26);
  REQUIRE(blocks[0].size() == 200);
  REQUIRE(blocks[13].size() == 220); // group 4 without its run 2
  for (const std::size_t i : {0u, 57u, 219u}) {
    CAPTURE(i);
    REQUIRE(blocks[13][i][0] == static_cast<double>(i + 1));
    REQUIRE_THAT(blocks[13][i][1], WithinRel(groups[4].curves[2][i], 1e-9));
  }

  nnlab::test::check_renders_by_hand(pngs[0]);
}

TEST_CASE("SweepPlot: log y copes with zeros, long curves are thinned", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  constexpr arma::uword n = 5001;
  arma::vec falling = cost_curve(n, 0.01, 0);
  falling.tail(100).zeros(); // a cost that reaches 0 exactly
  const std::vector<nnlab::CurveGroup> groups{{"falls to 0", {falling}},
                                              {"flat", {arma::vec(n, arma::fill::value(0.5))}}};

  nnlab::add_sweep_plot(renderer, "log", groups, "Train cost", "Cost", true);
  REQUIRE(renderer.render().size() == 1);
  REQUIRE_THAT(nnlab::test::read_text(tmp.path() / "log.gp"),
               Contains("set logscale y") && Contains("shown($2)"));

  const auto blocks = read_data_blocks(tmp.path() / "log.dat");
  REQUIRE(blocks.size() == 2);
  REQUIRE(blocks[0].size() <= nnlab::plot_style::max_curve_points + 1);
  REQUIRE(blocks[0][0][0] == 1.0);
  REQUIRE(blocks[0][1][0] == 4.0); // every 3rd iteration
  REQUIRE(blocks[0].back()[0] == static_cast<double>(n));
  REQUIRE_THAT(blocks[0][1][1], WithinRel(falling[3], 1e-9));
}

TEST_CASE("SweepPlot: log y without a positive value falls back to linear", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::add_sweep_plot(renderer, "zero", {{"zero", {arma::vec(10, arma::fill::zeros)}}}, "t",
                        "Cost", true);
  REQUIRE(renderer.render().size() == 1);
  REQUIRE_THAT(nnlab::test::read_text(tmp.path() / "zero.gp"), !Contains("set logscale"));
}

TEST_CASE("SweepPlot: nothing to plot is an error", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  REQUIRE_THROWS_WITH(
      nnlab::add_sweep_plot(renderer, "none", {{"a", {arma::vec()}}}, "t", "y", false),
      Contains("none.png: no curves to plot"));
}
