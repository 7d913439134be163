#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;
using nnlab::test::is_png;

TEST_CASE("PlotRenderer: writes a script that renders a PNG, by render() and by hand", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path() / "plots");
  REQUIRE(std::filesystem::is_directory(tmp.path() / "plots"));
  REQUIRE(renderer.data_file("sine") == tmp.path() / "plots" / "sine.dat");

  renderer.add("sine", "plot sin(x) title 'sin'");
  const std::string script = nnlab::test::read_text(tmp.path() / "plots" / "sine.gp");
  REQUIRE_THAT(script, Contains("set terminal pngcairo size 800,600"));
  REQUIRE_THAT(script, Contains("set output 'sine.png'\nplot sin(x) title 'sin'\n"));

  const auto pngs = renderer.render();
  REQUIRE(pngs == std::vector<std::filesystem::path>{tmp.path() / "plots" / "sine.png"});
  REQUIRE(is_png(pngs[0]));
  REQUIRE(renderer.render().empty()); // nothing new since

  nnlab::test::check_renders_by_hand(pngs[0]);
}

TEST_CASE("PlotRenderer: a gnuplot error names the plot and quotes gnuplot", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  const auto broken = (tmp.path() / "broken.png").string();

  SECTION("an error before the plot is drawn, between good scripts") {
    renderer.add("before", "plot x");
    renderer.add("broken", "set xlabel 'x'\nplot sin(x) with linez");
    renderer.add("after", "plot x**2");
    REQUIRE_THROWS_WITH(renderer.render(),
                        StartsWith("plot " + broken + ": gnuplot failed: ") &&
                            Contains("\"broken.gp\" line 5: unrecognized plot type"));
    // One failed script neither stops nor spoils the others in the same gnuplot process.
    REQUIRE(is_png(tmp.path() / "before.png"));
    REQUIRE(is_png(tmp.path() / "after.png"));
  }
  SECTION("an error after a complete PNG still fails") {
    renderer.add("broken", "plot x\nset nonsense");
    REQUIRE_THROWS_WITH(renderer.render(), StartsWith("plot " + broken + ": gnuplot failed: ") &&
                                               Contains("line 5: unrecognized option"));
  }
  SECTION("a missing data file") {
    renderer.add("broken", "plot 'nowhere.dat' using 1:2 with lines");
    REQUIRE_THROWS_WITH(renderer.render(), StartsWith("plot " + broken + ": gnuplot failed: ") &&
                                               EndsWith("No data in plot"));
  }
  SECTION("several failures are counted") {
    renderer.add("broken", "plot y");
    renderer.add("broken2", "plot y");
    REQUIRE_THROWS_WITH(renderer.render(), Contains(broken) && Contains("undefined variable: y") &&
                                               EndsWith("(and 1 more failed plots)"));
  }
  SECTION("a stale PNG from an earlier render does not count") {
    renderer.add("broken", "plot x");
    REQUIRE_NOTHROW(renderer.render());
    renderer.add("broken", "plot y");
    REQUIRE_THROWS_WITH(renderer.render(), Contains(broken));
    REQUIRE_FALSE(is_png(tmp.path() / "broken.png"));
  }
}

TEST_CASE("PlotRenderer: rejects stems that are not plain file names", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  const auto stem = GENERATE(as<std::string>{}, "", "a b", "x'y", "../up", "a;b");
  CAPTURE(stem);
  REQUIRE_THROWS_WITH(renderer.add(stem, "plot x"), Contains("plot stem '" + stem + "'"));
  REQUIRE_NOTHROW(renderer.add("run-1_lr=0.5+mu.0", "plot x"));
}

TEST_CASE("PlotRenderer: quotes strings and colours for gnuplot", "[plot]") {
  REQUIRE(nnlab::gnuplot_string("it's") == "'it''s'");
  REQUIRE(nnlab::gnuplot_string("two\nlines") == "'two lines'");
  REQUIRE(nnlab::gnuplot_colour(0x1e90ff) == "'#1e90ff'");
  REQUIRE(nnlab::gnuplot_colour(0xff0000, 0.25) == "'#bfff0000'");
}
