#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/decision_surface.hpp"
#include "nnlab/train/metrics.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using nnlab::test::read_data_blocks;

namespace {
/// Two points per class per quadrant (XOR-like), and a few test points.
nnlab::DataSplit xor_data() {
  nnlab::DataSplit data;
  data.train.X = {{-2.0, -1.0, 1.0, 2.0, -2.0, -1.0, 1.5, 2.0},
                  {-2.0, -1.5, 1.0, 2.0, 1.0, 2.0, -1.0, -2.0}};
  data.train.y = {1, 1, 1, 1, 0, 0, 0, 0};
  data.test.X = {{-1.5, 1.5, -1.5}, {-1.0, 1.5, 1.5}};
  data.test.y = {1, 1, 0};
  data.feature_names = {"x1", "x2"};
  return data;
}

const nnlab::Architecture net_2_3_1{2,
                                    {3, 1},
                                    nnlab::Activation(nnlab::Activation::Kind::tanh),
                                    nnlab::Activation(nnlab::Activation::Kind::sigmoid)};
/// Parameters of net_2_3_1 whose decision boundary crosses the data: W1 (3x2, by columns),
/// b1, W2, b2.
const arma::vec params_2_3_1{2.0, 1.0, -1.0, -1.0, 1.0, 2.0, 0.5, -0.5, 0.0, 1.5, -2.0, 1.0, 0.2};
} // namespace

TEST_CASE("DecisionSurface: data_range is the points' box plus a margin", "[plot]") {
  nnlab::DataSplit data;
  data.train.X = {{0.0, 2.0, 1.0}, {-1.0, 1.0, 0.0}};
  data.test.X = arma::vec{4.0, 3.0};
  const nnlab::PlotRange range = nnlab::data_range(data);
  REQUIRE_THAT(range.x_min, WithinAbs(-0.2, 1e-12));
  REQUIRE_THAT(range.x_max, WithinAbs(4.2, 1e-12));
  REQUIRE_THAT(range.y_min, WithinAbs(-1.2, 1e-12));
  REQUIRE_THAT(range.y_max, WithinAbs(3.2, 1e-12));

  data.train.X.row(1).fill(5.0); // a zero span counts as 1
  data.test.X(1, 0) = 5.0;
  REQUIRE_THAT(nnlab::data_range(data, 0.5).y_min, WithinAbs(4.5, 1e-12));
}

TEST_CASE("DecisionSurface: renders a PNG whose lattice holds the network's classes", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::Mlp mlp(net_2_3_1);
  mlp.params() = params_2_3_1;
  const nnlab::DataSplit data = xor_data();
  constexpr arma::uword grid = 40;

  nnlab::add_decision_plot(renderer, "surface", mlp, data, "Decision surface", grid);
  const auto pngs = renderer.render();
  REQUIRE(pngs.size() == 1);
  REQUIRE(nnlab::test::is_png(pngs[0]));
  const std::string script = nnlab::test::read_text(tmp.path() / "surface.gp");
  REQUIRE_THAT(script, Contains("with image") && Contains("'Positive (train)'") &&
                           Contains("'Negative (test)'") && Contains("'#1e90ff'") &&
                           Contains("'#ffa500'"));

  const auto blocks = read_data_blocks(tmp.path() / "surface.dat");
  REQUIRE(blocks.size() == 3);
  REQUIRE(blocks[0].size() == grid * grid);
  REQUIRE(blocks[1].size() == data.train.X.n_cols);
  REQUIRE(blocks[2].size() == data.test.X.n_cols);
  REQUIRE(blocks[2][2] == std::vector<double>{-1.5, 1.5, 0.0});

  const nnlab::PlotRange range = nnlab::data_range(data);
  const double dx = (range.x_max - range.x_min) / grid;
  REQUIRE_THAT(blocks[0][0][0], WithinRel(range.x_min + 0.5 * dx, 1e-7));
  REQUIRE_THAT(blocks[0][1][0], WithinRel(range.x_min + 1.5 * dx, 1e-7));
  REQUIRE_THAT(blocks[0].back()[1],
               WithinRel(range.y_max - 0.5 * (range.y_max - range.y_min) / grid, 1e-7));

  arma::uvec seen(2, arma::fill::zeros);
  for (const auto& row : blocks[0])
    seen[static_cast<arma::uword>(row[2])] = 1;
  REQUIRE(arma::all(seen == 1)); // the boundary crosses the plot

  nnlab::Nodes nodes = mlp.make_nodes(1);
  for (const std::size_t i : {0u, 39u, 613u, 820u, 1111u, 1599u}) {
    CAPTURE(i, blocks[0][i]);
    const arma::mat point = arma::vec{blocks[0][i][0], blocks[0][i][1]};
    REQUIRE(static_cast<double>(nnlab::predict(mlp.forward(point, nodes))[0]) == blocks[0][i][2]);
  }
}

TEST_CASE("DecisionSurface: k classes get one colour each", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::Mlp mlp(nnlab::Architecture{2,
                                     {3},
                                     nnlab::Activation(nnlab::Activation::Kind::tanh),
                                     nnlab::Activation(nnlab::Activation::Kind::softmax)});
  mlp.params() = {3.0, -1.5, -1.5, 0.0, 2.6, -2.6, 0.0, 0.0, 0.0}; // three 120-degree sectors
  nnlab::DataSplit data;
  data.train.X = {{1.0, -0.5, -0.5, 0.8}, {0.0, 0.87, -0.87, 0.3}};
  data.train.y = {0, 1, 2, 0};
  data.test.X = arma::vec{-0.6, 0.7};
  data.test.y = {1};
  data.class_names = {"red", "green", "blue"};

  nnlab::add_decision_plot(renderer, "classes", mlp, data, "Three classes", 60);
  REQUIRE(renderer.render().size() == 1);
  const std::string script = nnlab::test::read_text(tmp.path() / "classes.gp");
  REQUIRE_THAT(script, Contains("set cbrange [-0.5:2.5]") && Contains("'green (test)'") &&
                           !Contains("'blue (test)'"));
  arma::uvec seen(3, arma::fill::zeros);
  const auto blocks = read_data_blocks(tmp.path() / "classes.dat");
  for (const auto& row : blocks[0])
    seen[static_cast<arma::uword>(row[2])] = 1;
  REQUIRE(arma::all(seen == 1));
}

TEST_CASE("DecisionSurface: needs 2-feature data and a 2-input network", "[plot]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::DataSplit data;
  data.train.X = arma::mat(3, 4, arma::fill::ones);
  data.train.y = {0, 1, 0, 1};
  data.test.X = arma::mat(3, 2, arma::fill::ones);
  data.test.y = {0, 1};
  const nnlab::Mlp mlp(net_2_3_1);
  REQUIRE_THROWS_WITH(nnlab::add_decision_plot(renderer, "surface", mlp, data, "t"),
                      Contains("surface.png") && Contains("2 features") && Contains("with 3"));

  nnlab::Mlp wide(nnlab::Architecture{3,
                                      {2, 1},
                                      nnlab::Activation(nnlab::Activation::Kind::tanh),
                                      nnlab::Activation(nnlab::Activation::Kind::sigmoid)});
  REQUIRE_THROWS_WITH(nnlab::add_decision_plot(renderer, "surface", wide, xor_data(), "t"),
                      Contains("the network has 3 inputs"));
}
