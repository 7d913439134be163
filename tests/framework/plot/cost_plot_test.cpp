#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/cost_plot.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;
using nnlab::test::read_data_rows;

TEST_CASE("CostPlot: renders a PNG with its script and data", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::RunSeries series;
  series.cost_train = arma::exp(-arma::linspace(0.0, 5.0, 300)) * 0.7;
  series.cost_test = series.cost_train * 1.2 + 0.01;

  nnlab::add_cost_plot(renderer, "cost", series, "Cost evolution");
  const auto pngs = renderer.render();
  REQUIRE(pngs.size() == 1);
  REQUIRE(nnlab::test::is_png(pngs[0]));

  const std::string script = nnlab::test::read_text(tmp.path() / "cost.gp");
  REQUIRE_THAT(script, Contains("set title 'Cost evolution'") &&
                           Contains("set xlabel 'Number of iterations'") &&
                           Contains("set ylabel 'Cost'") && Contains("'Training set'") &&
                           Contains("'Testing set'") && Contains("'#ff0000'") &&
                           Contains("'#0000ff'"));

  REQUIRE_THAT(nnlab::test::read_text(tmp.path() / "cost.dat"),
               Contains("# iteration cost_train cost_test\n"));
  const auto rows = read_data_rows(tmp.path() / "cost.dat");
  REQUIRE(rows.size() == 300);
  for (const arma::uword i : {0u, 1u, 150u, 299u}) {
    CAPTURE(i);
    REQUIRE(rows[i].size() == 3);
    REQUIRE(rows[i][0] == static_cast<double>(i + 1));
    REQUIRE_THAT(rows[i][1], WithinRel(series.cost_train[i], 1e-9));
    REQUIRE_THAT(rows[i][2], WithinRel(series.cost_test[i], 1e-9));
  }

  nnlab::test::check_renders_by_hand(pngs[0]);
}

TEST_CASE("CostPlot: train only, and series that cannot be plotted", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::RunSeries series;
  REQUIRE_THROWS_WITH(nnlab::add_cost_plot(renderer, "cost", series, "t"),
                      Contains("cost.png: no iterations"));
  series.cost_train = {0.7, 0.6, 0.5};
  series.cost_test = {0.8, 0.7};
  REQUIRE_THROWS_AS(nnlab::add_cost_plot(renderer, "cost", series, "t"), nnlab::PlotError);

  series.cost_test.reset();
  nnlab::add_cost_plot(renderer, "cost", series, "t");
  REQUIRE(renderer.render().size() == 1);
  REQUIRE_THAT(nnlab::test::read_text(tmp.path() / "cost.gp"), !Contains("Testing set"));
  REQUIRE(read_data_rows(tmp.path() / "cost.dat")[2] == std::vector<double>{3.0, 0.5});
}
