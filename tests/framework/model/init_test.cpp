#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/core/numpy_legacy_random.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/model/weights_file.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Equals;

using nnlab::Activation;

TEST_CASE("Init: uniform fills W1..WL row by row, then b1..bL, within low and high",
          "[model][init]") {
  nnlab::Mlp mlp(nnlab::Architecture{
      2, {3, 2, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)});
  nnlab::Rng rng(7);
  nnlab::initialize(mlp, nnlab::InitSpec{nnlab::InitSpec::Kind::uniform, -0.5, 0.25}, rng);

  nnlab::Rng replay(7);
  const auto next = [&] { return replay.uniform(-0.5, 0.25); };
  for (arma::uword l = 1; l <= 3; ++l) {
    const arma::mat& W = mlp.layer(l).W();
    for (arma::uword r = 0; r < W.n_rows; ++r)
      for (arma::uword c = 0; c < W.n_cols; ++c) {
        CAPTURE(l, r, c);
        REQUIRE(W(r, c) == next());
      }
  }
  for (arma::uword l = 1; l <= 3; ++l)
    for (const double value : mlp.layer(l).b())
      REQUIRE(value == next());
  CHECK(mlp.params().min() >= -0.5);
  CHECK(mlp.params().max() < 0.25);
}

namespace {

nnlab::Mlp wide_net() {
  // 300 inputs, 200 units, 1 output: enough draws for statistics.
  return nnlab::Mlp(nnlab::Architecture{
      300, {200, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)});
}

} // namespace

TEST_CASE("Init: numpy_legacy equals np.random.seed(s) then np.random.random(shape) per W, then b",
          "[model][init]") {
  nnlab::Mlp mlp(nnlab::Architecture{
      2, {3, 2, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)});
  nnlab::Rng unused(1);
  nnlab::InitSpec spec;
  spec.kind = nnlab::InitSpec::Kind::numpy_legacy;
  spec.seed = 42;
  nnlab::initialize(mlp, spec, unused);
  // np.random.seed(42); np.random.random(3) -> 0.3745401188473625, 0.9507143064099162,
  // 0.7319939418114051: W1 is (3, 2), filled row by row.
  const arma::mat& W1 = mlp.layer(1).W();
  CHECK(W1(0, 0) == 0.3745401188473625);
  CHECK(W1(0, 1) == 0.9507143064099162);
  CHECK(W1(1, 0) == 0.7319939418114051);
  // The same generator goes on into W2, W3, then b1, b2, b3.
  nnlab::NumpyLegacyRandom numpy(42);
  for (arma::uword l = 1; l <= 3; ++l)
    for (arma::uword r = 0; r < mlp.layer(l).W().n_rows; ++r)
      for (arma::uword c = 0; c < mlp.layer(l).W().n_cols; ++c)
        REQUIRE(mlp.layer(l).W()(r, c) == numpy.random());
  for (arma::uword l = 1; l <= 3; ++l)
    for (const double value : mlp.layer(l).b())
      REQUIRE(value == numpy.random());
  // It does not touch the run's Rng.
  nnlab::Rng fresh(1);
  CHECK(unused.uniform() == fresh.uniform());
}

TEST_CASE("Init: normal, xavier and he draw with their scales", "[model][init]") {
  using Kind = nnlab::InitSpec::Kind;
  struct Case {
    Kind kind;
    double mean, std, bound; // bound 0: unbounded (normal)
    bool biases_zero;
  };
  const double xavier = std::sqrt(2.0 / (300 + 200)), he = std::sqrt(2.0 / 300);
  const auto c =
      GENERATE_COPY(Case{Kind::normal, 0.5, 0.2, 0.0, false},
                    Case{Kind::xavier_uniform, 0.0, xavier, std::sqrt(3.0) * xavier, true},
                    Case{Kind::xavier_normal, 0.0, xavier, 0.0, true},
                    Case{Kind::he_uniform, 0.0, he, std::sqrt(3.0) * he, true},
                    Case{Kind::he_normal, 0.0, he, 0.0, true});
  CAPTURE(nnlab::init_kind_names()[static_cast<std::size_t>(c.kind)]);
  nnlab::Mlp mlp = wide_net();
  nnlab::Rng rng(5);
  nnlab::InitSpec spec;
  spec.kind = c.kind;
  spec.mean = 0.5;
  spec.std = 0.2;
  nnlab::initialize(mlp, spec, rng);
  const arma::mat& W1 = mlp.layer(1).W(); // 60,000 draws
  CHECK(std::abs(arma::mean(arma::vectorise(W1)) - c.mean) < 0.01 * c.std + 1e-3);
  CHECK(std::abs(arma::stddev(arma::vectorise(W1)) / c.std - 1.0) < 0.02);
  if (c.bound > 0) {
    CHECK(W1.min() >= -c.bound);
    CHECK(W1.max() < c.bound);
    CHECK(W1.max() > 0.99 * c.bound);
  }
  CHECK(arma::all(mlp.layer(1).b() == 0.0) == c.biases_zero);
}

TEST_CASE("Init: kinds by name", "[model][init]") {
  CHECK(nnlab::init_kind_names() == std::vector<std::string>{"uniform", "normal", "xavier_uniform",
                                                             "xavier_normal", "he_uniform",
                                                             "he_normal", "numpy_legacy", "file"});
  CHECK(nnlab::init_kind_from("he_normal") == nnlab::InitSpec::Kind::he_normal);
  CHECK_FALSE(nnlab::init_kind_from("glorot").has_value());
}

TEST_CASE("Init: file reads every W and b, whatever the run's seed", "[model][init]") {
  const nnlab::Architecture arch{
      2, {3, 2, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)};
  nnlab::test::TempDir dir;
  nnlab::Mlp saved(arch);
  nnlab::Rng draws(3);
  nnlab::initialize(saved, {nnlab::InitSpec::Kind::uniform, -1.0, 1.0}, draws);
  nnlab::InitSpec spec;
  spec.kind = nnlab::InitSpec::Kind::file;
  spec.path = dir.path() / "start.csv";
  nnlab::save_weights_file(saved, spec.path);

  nnlab::Mlp a(arch), b(arch);
  nnlab::Rng seed_1(1), seed_2(2);
  nnlab::initialize(a, spec, seed_1);
  nnlab::initialize(b, spec, seed_2);
  CHECK(arma::approx_equal(a.params(), saved.params(), "absdiff", 0.0));
  CHECK(arma::approx_equal(b.params(), saved.params(), "absdiff", 0.0));
  nnlab::Rng fresh(1);
  CHECK(seed_1.uniform() == fresh.uniform()); // no random numbers drawn
}

TEST_CASE("Init: a weights file that does not fit is a ConfigError at model.init.path",
          "[model][init]") {
  nnlab::test::TempDir dir;
  nnlab::InitSpec spec;
  spec.kind = nnlab::InitSpec::Kind::file;
  spec.path = dir.write("w.csv", "W1,1,2,3,4,5,6\nb1,1,2,3\nW2,1,2,3\nb2,1\n");
  spec.path_at = {"x.yaml", 4, 12};
  const nnlab::Architecture fits{2, {3, 1}}, wider{2, {4, 1}};
  CHECK_NOTHROW(nnlab::check_init(spec, fits));
  CHECK_THROWS_AS(nnlab::check_init(spec, wider), nnlab::ConfigError);
  CHECK_THROWS_WITH(nnlab::check_init(spec, wider),
                    Equals("x.yaml:4:12: model.init.path: " + spec.path.string() +
                           ":1: W1 has 6 values, the model needs 4 x 2 = 8"));
  spec.path = dir.path() / "gone.h5";
  CHECK_THROWS_WITH(nnlab::check_init(spec, fits), Equals("x.yaml:4:12: model.init.path: " +
                                                          spec.path.string() + ": no such file"));
  CHECK_NOTHROW(nnlab::check_init(nnlab::InitSpec{}, wider)); // other kinds cannot fail
}
