#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/movie_plot.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

nnlab::DataSplit square_data() {
  nnlab::DataSplit data;
  data.train.X = {{-1.0, 1.0, -1.0, 1.0}, {-1.0, -1.0, 1.0, 1.0}};
  data.train.y = {0, 1, 1, 0};
  data.test.X = arma::vec{0.5, -0.5};
  data.test.y = {1};
  return data;
}

const nnlab::Architecture net{2, {2, 1}};

/// K snapshots of `net` moving from all-zero weights to a boundary x1 + x2 = 0.
nnlab::RunSnapshots snapshots(arma::uword k, arma::uword last) {
  nnlab::Mlp mlp(net);
  nnlab::RunSnapshots taken;
  taken.params.set_size(mlp.n_params(), k);
  for (arma::uword j = 0; j < k; ++j) {
    taken.iterations.push_back(j * last / (k - 1));
    const double s = static_cast<double>(j) / static_cast<double>(k - 1);
    mlp.layer(1).W() = {{3 * s, 3 * s}, {-s, s}};
    mlp.layer(1).b().zeros();
    mlp.layer(2).W() = {{2 * s, 0}};
    mlp.layer(2).b().zeros();
    taken.params.col(j) = mlp.params();
  }
  return taken;
}

nnlab::RunSeries costs(arma::uword n) {
  nnlab::RunSeries series;
  series.cost_train = arma::linspace(0.7, 0.1, n);
  series.cost_test = arma::linspace(0.8, 0.2, n);
  return series;
}

} // namespace

TEST_CASE("TrainingMovie: a GIF frame per snapshot, the surface of that snapshot's weights",
          "[plot][movie]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  constexpr arma::uword frames = 31, grid = 10;
  const nnlab::RunSnapshots taken = snapshots(frames, 300);
  nnlab::add_training_movie(renderer, "movie", net, taken, costs(300), square_data(), "Training",
                            grid, nnlab::PlotRange{-2, 2, -2, 2});
  const auto images = renderer.render();
  REQUIRE(images == std::vector<std::filesystem::path>{tmp.path() / "movie.gif"});
  // Every snapshot, then the last held 15 frames more.
  CHECK(nnlab::test::gif_frames(images[0]) == frames + 15);

  const auto blocks = nnlab::test::read_data_blocks(tmp.path() / "movie.dat");
  REQUIRE(blocks.size() == frames + 3);
  // Frame 0: all weights 0, so p = sigmoid(0) = 0.5 everywhere.
  for (const auto& row : blocks[0])
    for (const double p : row)
      CHECK(p == 0.5);
  // The last frame: p = sigmoid(2 tanh(3 (x1 + x2))), above 0.5 where x1 + x2 > 0.
  const auto& last = blocks[frames - 1];
  REQUIRE(last.size() == grid);
  const auto at = [](arma::uword i) { return -2.0 + (static_cast<double>(i) + 0.5) * 0.4; };
  for (arma::uword r = 0; r < grid; ++r)
    for (arma::uword c = 0; c < grid; ++c)
      CHECK_THAT(last[r][c],
                 WithinAbs(1.0 / (1.0 + std::exp(-2.0 * std::tanh(3.0 * (at(c) + at(r))))), 1e-3));
  CHECK(blocks[frames].size() == 4);     // train points
  CHECK(blocks[frames + 1].size() == 1); // test points
  CHECK(blocks[frames + 2].size() == 300);
  CHECK(blocks[frames + 2][0] == std::vector<double>{1, 0.7, 0.8});

  const std::string script = nnlab::test::read_text(tmp.path() / "movie.gp");
  CHECK_THAT(script, Contains("set terminal gif animate") && Contains("array iteration[31]") &&
                         Contains("iteration %d of 300") && Contains("set arrow 1 from"));
  nnlab::test::check_renders_by_hand(images[0]);
  CHECK(nnlab::test::gif_frames(images[0]) == frames + 15);
}

TEST_CASE("TrainingMovie: with neurons, each unit's activation at the frame's snapshot in a "
          "strip below",
          "[plot][movie][neurons]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  constexpr arma::uword frames = 5;
  const nnlab::RunSnapshots taken = snapshots(frames, 40);
  nnlab::add_training_movie(renderer, "movie", net, taken, costs(40), square_data(), "Training", 10,
                            nnlab::PlotRange{-2, 2, -2, 2}, true);
  const auto images = renderer.render();
  REQUIRE(images.size() == 1);
  CHECK(nnlab::test::gif_frames(images[0]) == frames + 15);
  // After the surfaces, points and cost: per frame the 2 hidden units, then the output.
  const auto blocks = nnlab::test::read_data_blocks(tmp.path() / "movie.dat");
  REQUIRE(blocks.size() >= frames + 3 + 3 * frames);
  const auto unit = [&](arma::uword f, arma::uword u) { return blocks[frames + 3 + 3 * f + u]; };
  // A 32 x 32 lattice; the last snapshot's units: tanh(3 (x1 + x2)), tanh(x2 - x1), and
  // the output sigmoid(2 tanh(3 (x1 + x2))); the first snapshot's are all 0 and 0.5.
  const auto at = [](arma::uword i) { return -2.0 + (static_cast<double>(i) + 0.5) * 0.125; };
  REQUIRE(unit(frames - 1, 0).size() == 32);
  for (arma::uword r = 0; r < 32; r += 7)
    for (arma::uword c = 0; c < 32; c += 5) {
      CHECK(unit(0, 0)[r][c] == 0.0);
      CHECK(unit(0, 2)[r][c] == 0.5);
      CHECK_THAT(unit(frames - 1, 0)[r][c], WithinAbs(std::tanh(3.0 * (at(c) + at(r))), 1e-3));
      CHECK_THAT(unit(frames - 1, 1)[r][c], WithinAbs(std::tanh(at(r) - at(c)), 1e-3));
      CHECK_THAT(unit(frames - 1, 2)[r][c],
                 WithinAbs(1.0 / (1.0 + std::exp(-2.0 * std::tanh(3.0 * (at(c) + at(r))))), 1e-3));
    }
  const std::string script = nnlab::test::read_text(tmp.path() / "movie.gp");
  CHECK_THAT(script, Contains("'hidden 1: tanh'") && Contains("'output: sigmoid'") &&
                         Contains("index (8 + f * 3 + 2) matrix") && Contains("size 1000,648"));
  nnlab::test::check_renders_by_hand(images[0]);
}

TEST_CASE("TrainingMovie: log-spaced snapshots get a log iteration axis", "[plot][movie]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::RunSnapshots taken = snapshots(5, 4);
  taken.iterations = {0, 3, 30, 300, 3000};
  nnlab::add_training_movie(renderer, "log", net, taken, costs(3000), square_data(), "t", 6);
  CHECK_THAT(nnlab::test::read_text(tmp.path() / "log.gp"),
             Contains("  set logscale x\n") &&
                 Contains("  set xrange [1:3600]\n")); // past 3000: the last cursor shows
  nnlab::RunSnapshots even = snapshots(5, 3000);
  nnlab::add_training_movie(renderer, "even", net, even, costs(3000), square_data(), "t", 6);
  CHECK_THAT(nnlab::test::read_text(tmp.path() / "even.gp"),
             !Contains("  set logscale x\n") && Contains("  set xrange [0:3090]\n"));
}

TEST_CASE("TrainingMovie: refuses a run without snapshots or with other weights", "[plot][movie]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  CHECK_THROWS_WITH(
      nnlab::add_training_movie(renderer, "m", net, {}, costs(10), square_data(), "t"),
      Contains("no snapshots stored"));
  nnlab::RunSnapshots taken = snapshots(3, 10);
  const nnlab::Architecture other{2, {3, 1}};
  CHECK_THROWS_WITH(
      nnlab::add_training_movie(renderer, "m", other, taken, costs(10), square_data(), "t"),
      Contains("the snapshots hold 9 parameters, the network 13"));
}
