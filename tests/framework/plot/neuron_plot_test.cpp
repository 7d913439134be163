#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/neuron_plot.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using nnlab::test::read_data_blocks;

namespace {

nnlab::DataSplit square_data() {
  nnlab::DataSplit data;
  data.train.X = {{-1.0, 1.0, -1.0, 1.0}, {-1.0, -1.0, 1.0, 1.0}};
  data.train.y = {0, 1, 1, 0};
  data.test = data.train;
  data.feature_names = {"x1", "x2"};
  return data;
}

const nnlab::Architecture course{2,
                                 {3, 2, 1},
                                 nnlab::Activation(nnlab::Activation::Kind::tanh),
                                 nnlab::Activation(nnlab::Activation::Kind::sigmoid)};

// The course's 2-3-2-1 with hand-made weights: hidden unit 1 of layer 1 is tanh(4 x1), a
// soft half-plane x1 > 0; unit 2 is tanh(4 x2); unit 3 tanh(x1 + x2 - 1).
void set_weights(nnlab::Mlp& mlp) {
  mlp.layer(1).W() = {{4, 0}, {0, 4}, {1, 1}};
  mlp.layer(1).b() = {0, 0, -1};
  mlp.layer(2).W() = {{1, 1, 0}, {-1, 1, 2}};
  mlp.layer(2).b() = {0.5, -0.5};
  mlp.layer(3).W() = {{3, -3}};
  mlp.layer(3).b() = {0.1};
}

} // namespace

TEST_CASE("NeuronPlot: one map per input, hidden and output unit, each from the network's pass",
          "[plot][neurons]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::Mlp mlp(course);
  set_weights(mlp);
  const nnlab::DataSplit data = square_data();
  constexpr arma::uword grid = 12;
  const nnlab::PlotRange range{-2, 2, -2, 2};
  nnlab::add_neuron_plot(renderer, "neurons", mlp, data, "Each unit's activation", grid, range);
  const auto images = renderer.render();
  REQUIRE(images.size() == 1);
  REQUIRE(nnlab::test::is_png(images[0]));

  const auto blocks = read_data_blocks(tmp.path() / "neurons.dat");
  // The maps, in column order (each ends with a block end: one empty block after them).
  REQUIRE(blocks.size() == 2 + 3 + 2 + 1 + 1);
  CHECK(blocks.back().empty());
  for (std::size_t b = 0; b < 8; ++b) {
    REQUIRE(blocks[b].size() == grid);    // a line per row of constant y
    REQUIRE(blocks[b][0].size() == grid); // a value per column
  }
  // Cell (row r, column c) is the point (-2 + (c + 0.5) / 3, -2 + (r + 0.5) / 3).
  const auto at = [](arma::uword i) { return -2.0 + (static_cast<double>(i) + 0.5) / 3.0; };
  for (arma::uword r = 0; r < grid; ++r)
    for (arma::uword c = 0; c < grid; ++c) {
      const double x1 = at(c), x2 = at(r);
      CHECK_THAT(blocks[0][r][c], WithinAbs(x1, 1e-3));                // input x1
      CHECK_THAT(blocks[1][r][c], WithinAbs(x2, 1e-3));                // input x2
      CHECK_THAT(blocks[2][r][c], WithinAbs(std::tanh(4 * x1), 1e-3)); // the half-plane x1 > 0
      CHECK_THAT(blocks[4][r][c], WithinAbs(std::tanh(x1 + x2 - 1), 1e-3));
    }
  // The output map is the network's output at every point.
  arma::mat X(2, grid * grid);
  for (arma::uword r = 0; r < grid; ++r)
    for (arma::uword c = 0; c < grid; ++c)
      X(0, r * grid + c) = at(c), X(1, r * grid + c) = at(r);
  nnlab::Nodes nodes = mlp.make_nodes(X.n_cols);
  const arma::mat out = mlp.forward(X, nodes);
  for (arma::uword r = 0; r < grid; ++r)
    for (arma::uword c = 0; c < grid; ++c)
      CHECK_THAT(blocks[7][r][c], WithinAbs(out(0, r * grid + c), 1e-3));

  const std::string script = nnlab::test::read_text(tmp.path() / "neurons.gp");
  CHECK_THAT(script, Contains("set multiplot") && Contains("'inputs'") &&
                         Contains("'hidden 1: tanh'") && Contains("'hidden 2: tanh'") &&
                         Contains("'output: sigmoid'") && Contains("index 7 matrix"));
  nnlab::test::check_renders_by_hand(images[0]);
}

TEST_CASE("NeuronPlot: a wide layer wraps into columns of 8 and shows at most 64 units",
          "[plot][neurons]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::Mlp mlp(nnlab::Architecture{2, {70, 1}});
  mlp.params().randu();
  nnlab::add_neuron_plot(renderer, "wide", mlp, square_data(), "wide", 8);
  const auto blocks = read_data_blocks(tmp.path() / "wide.dat");
  CHECK(blocks.size() == 2 + 64 + 1 + 1); // and the empty block after the last
  CHECK_THAT(nnlab::test::read_text(tmp.path() / "wide.gp"),
             Contains("'hidden 1: tanh (64 of 70 units)'"));
  REQUIRE(renderer.render().size() == 1);
}

TEST_CASE("NeuronPlot: refuses data or networks that are not 2-D", "[plot][neurons]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::DataSplit three = square_data();
  three.train.X = arma::mat(3, 4, arma::fill::zeros);
  three.test = three.train;
  nnlab::Mlp mlp(course);
  CHECK_THROWS_WITH(nnlab::add_neuron_plot(renderer, "n", mlp, three, "t"),
                    Contains("need data with 2 features, got 3"));
  nnlab::Mlp wide(nnlab::Architecture{3, {2, 1}});
  CHECK_THROWS_AS(nnlab::add_neuron_plot(renderer, "n", wide, square_data(), "t"),
                  nnlab::PlotError);
}
