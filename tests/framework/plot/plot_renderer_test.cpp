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

namespace {

/// A PNG's width and height from its IHDR chunk.
std::pair<unsigned, unsigned> png_size(const std::filesystem::path& file) {
  const std::string bytes = nnlab::test::read_text(file);
  const auto at = [&](std::size_t i) {
    return (static_cast<unsigned>(static_cast<unsigned char>(bytes.at(i))) << 24) |
           (static_cast<unsigned>(static_cast<unsigned char>(bytes.at(i + 1))) << 16) |
           (static_cast<unsigned>(static_cast<unsigned char>(bytes.at(i + 2))) << 8) |
           static_cast<unsigned>(static_cast<unsigned char>(bytes.at(i + 3)));
  };
  return {at(16), at(20)};
}

} // namespace

TEST_CASE("PlotRenderer: a plot may ask for its own canvas size", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  renderer.add("wide", "plot x", {1000, 480});
  renderer.add("usual", "plot x");
  const auto pngs = renderer.render();
  REQUIRE(pngs.size() == 2);
  CHECK(png_size(pngs[0]) == std::pair<unsigned, unsigned>{1000, 480});
  CHECK(png_size(pngs[1]) == std::pair<unsigned, unsigned>{800, 600});
}

TEST_CASE("PlotRenderer: an animation is a looping GIF with one frame per plot command", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path(), nnlab::PlotFormat::svg); // GIF whatever the format
  renderer.add_animation("waves", "do for [i = 1:7] { plot sin(i * x) title sprintf('%d', i) }",
                         {400, 300}, 10);
  renderer.add("still", "plot x");
  CHECK(renderer.image_file("waves") == tmp.path() / "waves.gif");
  const std::string script = nnlab::test::read_text(tmp.path() / "waves.gp");
  CHECK_THAT(script, Contains("set terminal gif animate delay 10 loop 0 size 400,300") &&
                         Contains("set output 'waves.gif'"));
  const auto images = renderer.render();
  REQUIRE(images ==
          std::vector<std::filesystem::path>{tmp.path() / "waves.gif", tmp.path() / "still.svg"});
  CHECK(nnlab::test::gif_frames(images[0]) == 7);
  nnlab::test::check_renders_by_hand(images[0]);
  CHECK(nnlab::test::gif_frames(images[0]) == 7);
  // A file cut short is no GIF.
  const std::string bytes = nnlab::test::read_text(images[0]);
  const auto cut = tmp.write("cut.gif", bytes.substr(0, bytes.size() / 2));
  CHECK(nnlab::test::gif_frames(cut) == 0);
}

TEST_CASE("PlotRenderer: many plots are drawn by gnuplot processes side by side, one log",
          "[plot]") {
  const nnlab::test::TempDir tmp;
  const auto dir = tmp.path() / "plots";
  nnlab::PlotRenderer renderer(dir);
  std::vector<std::filesystem::path> expected;
  for (int i = 0; i < 16; ++i) {
    const std::string stem = "p" + std::to_string(i);
    // data of different sizes, so the shares are weighed
    std::string data;
    for (int k = 0; k <= i * 50; ++k)
      data += std::to_string(k) + " " + std::to_string(k % 7) + "\n";
    renderer.write_data(stem, data);
    renderer.add(stem, i == 9 ? "plot nonsense(x)" : "plot '" + stem + ".dat' with lines");
    if (i != 9) expected.push_back(dir / (stem + ".png"));
  }
  // p9 fails, and is named; every other plot is drawn
  CHECK_THROWS_WITH(renderer.render(), StartsWith("plot " + (dir / "p9.png").string() +
                                                  ": gnuplot failed: \"p9.gp\" line ") &&
                                           !Contains("more failed"));
  for (const auto& png : expected) {
    CAPTURE(png);
    CHECK(is_png(png));
  }
  // the processes' logs are joined into gnuplot.log, a section per script
  const std::string log = nnlab::test::read_text(dir / "gnuplot.log");
  for (int i = 0; i < 16; ++i)
    CHECK_THAT(log, Contains("nnlab: rendering p" + std::to_string(i) + ".gp\n"));
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    CHECK_THAT(entry.path().filename().string(), !StartsWith("gnuplot.log."));
}
