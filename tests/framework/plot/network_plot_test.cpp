#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/network_plot.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

TEST_CASE("NetworkPlot: a line per weight, wider with |w|, coloured by sign, nodes by bias",
          "[plot][network]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::Mlp mlp(nnlab::Architecture{2, {3, 2, 1}});
  mlp.layer(1).W() = {{4, -0.5}, {0, 1}, {-2, 1}};
  mlp.layer(1).b() = {0.3, -1, 2};
  mlp.layer(2).W() = {{1, 1, 0.25}, {-1, 3, 2}};
  mlp.layer(2).b() = {0.5, -0.5};
  mlp.layer(3).W() = {{3, -3}};
  mlp.layer(3).b() = {-4}; // the largest |b|: the colour bar spans -4..4
  nnlab::add_network_plot(renderer, "network", mlp, {"x1", "x2"}, {"p(1)"}, "Weights");
  const auto images = renderer.render();
  REQUIRE(images.size() == 1);
  REQUIRE(nnlab::test::is_png(images[0]));

  const auto blocks = nnlab::test::read_data_blocks(tmp.path() / "network.dat");
  REQUIRE(blocks.size() == 2);
  const auto& weights = blocks[0];
  REQUIRE(weights.size() == 2 * 3 + 3 * 2 + 2 * 1);
  for (const auto& row : weights) {
    REQUIRE(row.size() == 10); // x0 y0 dx dy w layer from to width_step colour
    const auto l = static_cast<arma::uword>(row[5]);
    const auto from = static_cast<arma::uword>(row[6]) - 1,
               to = static_cast<arma::uword>(row[7]) - 1;
    const double w = mlp.layer(l).W()(to, from);
    CHECK(row[4] == w);
    CHECK(row[0] == static_cast<double>(l - 1));
    CHECK(row[2] == 1.0);
    // Eight steps of width up to the largest |w| (4).
    CHECK(row[8] == std::max(1.0, std::ceil(8 * std::abs(w) / 4 - 1e-12)));
    CHECK(row[9] == (w < 0 ? 0xffa500 : 0x1e90ff));
  }
  // Nodes: 2 inputs (no bias), then 3 + 2 + 1 with their biases.
  const auto& nodes = blocks[1];
  REQUIRE(nodes.size() == 8);
  CHECK(nodes[2] == std::vector<double>{1, 1, 0.3, 1, 1}); // layer 1 unit 1 sits on top
  CHECK(nodes[7] == std::vector<double>{3, 0, -4, 3, 1});
  const std::string script = nnlab::test::read_text(tmp.path() / "network.gp");
  CHECK_THAT(script, Contains("set cbrange [-4:4]") && Contains("'x1'") && Contains("'p(1)'") &&
                         Contains("with vectors nohead lw 4 lc rgb variable"));
  // Every label keeps its own number: none overwrites the title (label 1).
  std::set<int> numbers;
  for (std::size_t at = script.find("set label "); at != std::string::npos;
       at = script.find("set label ", at + 1)) {
    const int number = std::stoi(script.substr(at + 10));
    CAPTURE(number);
    CHECK(numbers.insert(number).second);
  }
  CHECK(numbers.size() == 1 + 1 + 2 + 1 + 4); // title, legend, inputs, output, columns
  CHECK_THAT(script, Contains("set label 1 'Weights' at screen"));
  nnlab::test::check_renders_by_hand(images[0]);
}

TEST_CASE("NetworkPlot: refuses a layer wider than it draws", "[plot][network]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::Mlp mlp(nnlab::Architecture{2, {100, 1}});
  CHECK_THROWS_WITH(nnlab::add_network_plot(renderer, "n", mlp, {}, {}, "t"),
                    Contains("a layer has 100 units; the network is drawn up to 64"));
}
