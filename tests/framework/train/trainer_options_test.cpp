// The Trainer's options beyond the course's full-batch loop: mini-batches, epochs,
// learning-rate schedules, L2 weight decay and gradient clipping.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "nnlab/core/rng.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/train/metrics.hpp"
#include "nnlab/train/series_recorder.hpp"
#include "nnlab/train/trainer.hpp"
#include "support/plugins.hpp"
#include "support/reference_mlp.hpp"

using Catch::Matchers::WithinRel;
using nnlab::Activation;

namespace {

// 2-D points of two classes, m of them: enough for batches that do not divide m.
nnlab::DataSplit two_clouds(arma::uword m) {
  nnlab::Rng rng(11);
  nnlab::DataSplit data;
  data.train.X.set_size(2, m);
  data.train.y.set_size(m);
  for (arma::uword i = 0; i < m; ++i) {
    const double c = static_cast<double>(i % 2);
    data.train.X(0, i) = 2.0 * c - 1.0 + 0.5 * rng.normal();
    data.train.X(1, i) = 1.0 - 2.0 * c + 0.5 * rng.normal();
    data.train.y[i] = c;
  }
  data.test = data.train;
  data.class_names = {"0", "1"};
  return data;
}

const nnlab::Architecture arch{
    2, {4, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)};

void init(nnlab::Mlp& mlp) {
  nnlab::Rng rng(5);
  nnlab::initialize(mlp, {}, rng);
}

// Records each update as the optimizer applied it: the parameters before and after, and
// the network's own gradient (before decay and clipping).
class Updates final : public nnlab::TrainObserver {
public:
  explicit Updates(const nnlab::Mlp& mlp) : before_(mlp.params()) {}
  bool on_iteration(const nnlab::IterationStats&) override { return false; }
  bool after_step(arma::uword, const nnlab::Mlp& mlp, const nnlab::Optimizer&) override {
    steps.push_back(before_ - mlp.params());
    params_before.push_back(before_);
    grads.push_back(mlp.grads());
    before_ = mlp.params();
    return false;
  }
  std::vector<arma::vec> steps, params_before, grads;

private:
  arma::vec before_;
};

// The gradient of the loss over the columns `cols` of the training set, at `params`, by
// the plain pass (support/reference_mlp.hpp).
arma::vec batch_gradient(const nnlab::DataSplit& data, const arma::vec& params,
                         const arma::uvec& cols, const nnlab::Loss& loss) {
  nnlab::Mlp mlp(arch);
  mlp.params() = params;
  const arma::mat X = data.train.X.cols(cols);
  const arma::mat Y = nnlab::make_targets(arma::rowvec(data.train.y.cols(cols)), 1);
  const auto plain = nnlab::test::reference_pass(mlp, X);
  arma::mat dA_L(arma::size(plain.a.back()));
  loss.gradient(plain.a.back(), Y, dA_L);
  return nnlab::test::reference_grads(nnlab::test::reference_pass(mlp, X, dA_L));
}

} // namespace

TEST_CASE("Trainer: a batch as large as the training set is the full-batch run, bit for bit",
          "[train][trainer][minibatch]") {
  const auto data = two_clouds(20);
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  nnlab::Mlp full(arch), batched(arch);
  init(full);
  init(batched);
  nnlab::SeriesRecorder a(30), b(30);
  nnlab::Trainer().run(full, *sgd, *loss, data, {30, 0.5}, a);
  nnlab::TrainSettings settings{30, 0.5};
  settings.batch_size = 20;
  nnlab::Trainer().run(batched, *sgd, *loss, data, settings, b);
  CHECK(arma::approx_equal(full.params(), batched.params(), "absdiff", 0.0));
  settings.batch_size = 500; // larger than m: clamped to m, as scikit-learn does
  nnlab::Mlp clamped(arch);
  init(clamped);
  nnlab::SeriesRecorder c(30);
  nnlab::Trainer().run(clamped, *sgd, *loss, data, settings, c);
  CHECK(arma::approx_equal(full.params(), clamped.params(), "absdiff", 0.0));
}

TEST_CASE("Trainer: each update uses the next mini-batch of the epoch's shuffled order",
          "[train][trainer][minibatch]") {
  const auto data = two_clouds(10);
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  nnlab::TrainSettings settings{6, 0.5};
  settings.batch_size = 4; // batches of 4, 4, 2 per epoch: two epochs
  settings.shuffle_seed = 77;
  nnlab::Mlp mlp(arch);
  init(mlp);
  Updates updates(mlp);
  nnlab::Trainer().run(mlp, *sgd, *loss, data, settings, updates);
  REQUIRE(updates.steps.size() == 6);
  for (arma::uword t = 1; t <= 6; ++t) {
    const arma::uword epoch = (t - 1) / 3, b = (t - 1) % 3;
    nnlab::Rng rng(nnlab::mix_seed(77, epoch));
    const arma::uvec order = rng.permutation(10);
    const arma::uvec cols = order.subvec(4 * b, std::min<arma::uword>(4 * b + 4, 10) - 1);
    CAPTURE(t);
    const arma::vec expected =
        0.5 * batch_gradient(data, updates.params_before[t - 1], cols, *loss);
    CHECK(arma::approx_equal(updates.steps[t - 1], expected, "absdiff", 1e-14));
  }
  // The two epochs' orders differ, so shuffling really happens each epoch.
  CHECK_FALSE(arma::all(nnlab::Rng(nnlab::mix_seed(77, 0)).permutation(10) ==
                        nnlab::Rng(nnlab::mix_seed(77, 1)).permutation(10)));

  // shuffle: false takes the samples in order, every epoch.
  settings.shuffle = false;
  nnlab::Mlp ordered(arch);
  init(ordered);
  Updates in_order(ordered);
  nnlab::Trainer().run(ordered, *sgd, *loss, data, settings, in_order);
  const arma::vec first = 0.5 * batch_gradient(data, in_order.params_before[0],
                                               arma::regspace<arma::uvec>(0, 3), *loss);
  const arma::vec fourth = 0.5 * batch_gradient(data, in_order.params_before[3],
                                                arma::regspace<arma::uvec>(0, 3), *loss);
  CHECK(arma::approx_equal(in_order.steps[0], first, "absdiff", 1e-14));
  CHECK(arma::approx_equal(in_order.steps[3], fourth, "absdiff", 1e-14));
}

TEST_CASE("Trainer: epochs count updates of ceil(m / batch) per epoch, seeds change the order",
          "[train][trainer][minibatch]") {
  nnlab::TrainSettings settings;
  settings.epochs = 7;
  settings.batch_size = 32;
  settings.resolve(100);
  CHECK(settings.iterations == 7 * 4);
  settings.batch_size = 0;
  settings.resolve(100);
  CHECK(settings.iterations == 7);

  const auto data = two_clouds(40);
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  const auto train = [&](std::uint64_t seed) {
    nnlab::TrainSettings s{20, 0.3};
    s.batch_size = 8;
    s.shuffle_seed = seed;
    nnlab::Mlp mlp(arch);
    init(mlp);
    nnlab::SeriesRecorder recorder(20);
    nnlab::Trainer().run(mlp, *sgd, *loss, data, s, recorder);
    return arma::vec(mlp.params());
  };
  CHECK(arma::approx_equal(train(1), train(1), "absdiff", 0.0));
  CHECK_FALSE(arma::approx_equal(train(1), train(2), "absdiff", 1e-12));
}

TEST_CASE("Trainer: every update is made at the schedule's rate", "[train][trainer][schedule]") {
  const auto data = two_clouds(20);
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  nnlab::TrainSettings settings{12, 0.4};
  settings.lr_schedule.kind = nnlab::LrScheduleSettings::Kind::step;
  settings.lr_schedule.drop = 0.5;
  settings.lr_schedule.every = 5;
  nnlab::Mlp mlp(arch);
  init(mlp);
  Updates updates(mlp);
  nnlab::Trainer().run(mlp, *sgd, *loss, data, settings, updates);
  REQUIRE(updates.steps.size() == 12);
  for (arma::uword t = 1; t <= 12; ++t) {
    const double alpha = 0.4 * std::pow(0.5, static_cast<double>((t - 1) / 5));
    CAPTURE(t);
    CHECK(arma::approx_equal(updates.steps[t - 1], alpha * updates.grads[t - 1], "absdiff", 1e-15));
  }
}

TEST_CASE("Trainer: weight decay adds lambda W to the weights' gradient, not the biases'",
          "[train][trainer]") {
  const auto data = two_clouds(20);
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  nnlab::TrainSettings settings{3, 0.5};
  settings.weight_decay = 0.1;
  nnlab::Mlp mlp(arch);
  init(mlp);
  const arma::vec mask = mlp.weight_mask();
  REQUIRE(arma::accu(mask) == 2 * 4 + 4 * 1); // W1 is 4x2, W2 is 1x4
  CHECK(mask[8] == 0.0);                      // b1 follows W1
  Updates updates(mlp);
  nnlab::Trainer().run(mlp, *sgd, *loss, data, settings, updates);
  for (arma::uword t = 0; t < 3; ++t) {
    const arma::vec expected = 0.5 * (updates.grads[t] + 0.1 * (mask % updates.params_before[t]));
    CHECK(arma::approx_equal(updates.steps[t], expected, "absdiff", 1e-15));
  }
}

TEST_CASE("Trainer: a gradient longer than clip_norm is rescaled to it, a shorter one kept",
          "[train][trainer]") {
  const auto data = two_clouds(20);
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  nnlab::Mlp probe(arch);
  init(probe);
  Updates unclipped(probe);
  nnlab::Trainer().run(probe, *sgd, *loss, data, {1, 1.0}, unclipped);
  const double norm = arma::norm(unclipped.grads[0]);
  REQUIRE(norm > 0.0);

  nnlab::TrainSettings settings{1, 1.0};
  settings.clip_norm = norm / 4;
  nnlab::Mlp clipped(arch);
  init(clipped);
  Updates updates(clipped);
  nnlab::Trainer().run(clipped, *sgd, *loss, data, settings, updates);
  CHECK_THAT(arma::norm(updates.steps[0]), WithinRel(norm / 4, 1e-12));
  CHECK(arma::approx_equal(updates.steps[0], updates.grads[0] / 4, "absdiff", 1e-15));

  settings.clip_norm = norm * 2;
  nnlab::Mlp loose(arch);
  init(loose);
  Updates kept(loose);
  nnlab::Trainer().run(loose, *sgd, *loss, data, settings, kept);
  CHECK(arma::approx_equal(kept.steps[0], kept.grads[0], "absdiff", 1e-15));
}

TEST_CASE("Trainer: a resumed mini-batch run with an adaptive schedule continues bit for bit",
          "[train][trainer][minibatch]") {
  const auto data = two_clouds(30);
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto momentum = nnlab::test::make_optimizer("{plugin: momentum, momentum: 0.9}");
  nnlab::TrainSettings settings{40, 0.5};
  settings.batch_size = 7;
  settings.shuffle_seed = 3;
  settings.lr_schedule.kind = nnlab::LrScheduleSettings::Kind::adaptive;
  settings.lr_schedule.patience = 2;
  settings.lr_schedule.tol = 0.05;

  nnlab::Mlp whole(arch);
  init(whole);
  nnlab::SeriesRecorder all(40);
  nnlab::Trainer().run(whole, *momentum, *loss, data, settings, all);

  // Stop after 13 updates (mid-epoch), keep what a checkpoint keeps, continue.
  struct Stop final : nnlab::TrainObserver {
    bool on_iteration(const nnlab::IterationStats&) override { return false; }
    bool after_step(arma::uword t, const nnlab::Mlp& mlp, const nnlab::Optimizer& o) override {
      if (t != 13) return false;
      params = mlp.params();
      state = o.state();
      return true;
    }
    arma::vec params;
    nnlab::OptimizerState state;
  } stop;
  nnlab::Mlp first(arch);
  init(first);
  nnlab::SeriesRecorder head(40);
  nnlab::ObserverList observers;
  observers.add(head);
  observers.add(stop);
  nnlab::Trainer().run(first, *momentum, *loss, data, settings, observers);
  const nnlab::RunSeries done = head.recorded();
  REQUIRE(done.cost_train.n_elem == 13);

  nnlab::Mlp second(arch);
  second.params() = stop.params;
  nnlab::SeriesRecorder tail(40);
  nnlab::Trainer().run(second, *momentum, *loss, data, settings, tail, {13, &stop.state, &done});
  CHECK(arma::approx_equal(second.params(), whole.params(), "absdiff", 0.0));
  // Without the series an adaptive schedule cannot resume.
  CHECK_THROWS_AS(
      nnlab::Trainer().run(second, *momentum, *loss, data, settings, tail, {13, &stop.state}),
      std::invalid_argument);
}
