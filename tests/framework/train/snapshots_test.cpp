#include <catch2/catch.hpp>

#include <vector>

#include "nnlab/core/rng.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/train/series_recorder.hpp"
#include "nnlab/train/snapshots.hpp"
#include "nnlab/train/trainer.hpp"
#include "support/plugins.hpp"

using Iterations = std::vector<arma::uword>;

namespace {

nnlab::TrainSettings settings(arma::uword iterations, arma::uword snapshots,
                              arma::uword every = 0) {
  nnlab::TrainSettings s{iterations, 0.5};
  s.snapshots = snapshots;
  s.snapshot_every = every;
  return s;
}

const nnlab::Architecture course{2,
                                 {3, 2, 1},
                                 nnlab::Activation(nnlab::Activation::Kind::tanh),
                                 nnlab::Activation(nnlab::Activation::Kind::sigmoid)};

nnlab::DataSplit xor_points() {
  nnlab::DataSplit data;
  data.train.X = {{-1, -1, 1, 1}, {-1, 1, -1, 1}};
  data.train.y = {0, 1, 1, 0};
  data.test = data.train;
  return data;
}

} // namespace

TEST_CASE("Snapshots: K iterations log-spaced from 0 to the last, distinct", "[train][snapshots]") {
  // round(11^(j/3)) - 1 for j = 0..3: 11^(1/3) = 2.22 -> 1, 11^(2/3) = 4.95 -> 4, 11 -> 10.
  CHECK(nnlab::snapshot_iterations(settings(10, 4)) == Iterations{0, 1, 4, 10});
  // More snapshots than iterations: every iteration, once.
  CHECK(nnlab::snapshot_iterations(settings(3, 10)) == Iterations{0, 1, 2, 3});
  CHECK(nnlab::snapshot_count(settings(3, 10)) == 4);
  CHECK(nnlab::snapshot_iterations(settings(5, 0)).empty());
  CHECK(nnlab::snapshot_count(settings(5000, 0)) == 0);

  const Iterations course_plan = nnlab::snapshot_iterations(settings(5000, 60));
  REQUIRE(course_plan.size() == 60);
  CHECK(nnlab::snapshot_count(settings(5000, 60)) == 60);
  CHECK(course_plan.front() == 0);
  CHECK(course_plan.back() == 5000);
  for (std::size_t j = 1; j < course_plan.size(); ++j)
    CHECK(course_plan[j] > course_plan[j - 1]);
  // Dense early: the first ten are the first ten iterations, half of them come before 100.
  CHECK(course_plan[9] == 9);
  CHECK(course_plan[30] < 100);
  CHECK(course_plan[31] > 80);
}

TEST_CASE("Snapshots: snapshot_every N takes 0, N, 2N, ... and the last iteration",
          "[train][snapshots]") {
  CHECK(nnlab::snapshot_iterations(settings(10, 0, 4)) == Iterations{0, 4, 8, 10});
  CHECK(nnlab::snapshot_iterations(settings(8, 0, 4)) == Iterations{0, 4, 8});
  CHECK(nnlab::snapshot_iterations(settings(3, 0, 5)) == Iterations{0, 3});
  CHECK(nnlab::snapshot_count(settings(1000, 0, 100)) == 11);
}

TEST_CASE("SnapshotRecorder: each snapshot is the weights after that many updates",
          "[train][snapshots]") {
  const nnlab::DataSplit data = xor_points();
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  const nnlab::TrainSettings plan = settings(10, 4); // 0, 1, 4, 10
  nnlab::Mlp mlp(course);
  nnlab::Rng rng(7);
  nnlab::initialize(mlp, {}, rng);
  const arma::vec initial = mlp.params();
  nnlab::SnapshotRecorder snapshots(plan, mlp.n_params());
  REQUIRE(snapshots.active());
  snapshots.start(mlp);
  nnlab::SeriesRecorder series(10);
  nnlab::ObserverList observers;
  observers.add(series);
  observers.add(snapshots);
  nnlab::Trainer().run(mlp, *sgd, *loss, data, plan, observers);
  snapshots.finish(mlp); // nothing to add: iteration 10 was planned
  const nnlab::RunSnapshots taken = snapshots.take();
  REQUIRE(taken.iterations == Iterations{0, 1, 4, 10});
  REQUIRE(taken.params.n_cols == 4);
  CHECK(arma::approx_equal(taken.params.col(0), initial, "absdiff", 0.0));
  CHECK(arma::approx_equal(taken.params.col(3), mlp.params(), "absdiff", 0.0));
  // The same net trained 4 iterations from the same start ends at snapshot 2's weights.
  nnlab::Mlp four(course);
  four.params() = initial;
  nnlab::SeriesRecorder ignored(4);
  nnlab::Trainer().run(four, *sgd, *loss, data, {4, 0.5}, ignored);
  CHECK(arma::approx_equal(taken.params.col(2), four.params(), "absdiff", 0.0));
}

TEST_CASE("SnapshotRecorder: a run stopped early keeps its final weights as the last snapshot",
          "[train][snapshots]") {
  nnlab::Mlp mlp(course);
  nnlab::Rng rng(3);
  nnlab::initialize(mlp, {}, rng);
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  nnlab::SnapshotRecorder snapshots(settings(100, 5), mlp.n_params());
  const Iterations planned = nnlab::snapshot_iterations(settings(100, 5));
  snapshots.start(mlp);
  // Updates 1..30 seen, then training stops.
  for (arma::uword t = 1; t <= 30; ++t) {
    mlp.params() += 0.01;
    snapshots.after_step(t, mlp, *sgd);
  }
  snapshots.finish(mlp);
  const nnlab::RunSnapshots taken = snapshots.taken();
  Iterations expected;
  for (const arma::uword t : planned)
    if (t <= 30) expected.push_back(t);
  expected.push_back(30);
  CHECK(taken.iterations == expected);
  CHECK(taken.iterations.size() <= nnlab::snapshot_count(settings(100, 5)));
  CHECK(arma::approx_equal(taken.params.tail_cols(1), mlp.params(), "absdiff", 0.0));
}

TEST_CASE("SnapshotRecorder: restore takes back what a checkpoint saved, and refuses a "
          "different plan",
          "[train][snapshots]") {
  nnlab::SnapshotRecorder recorder(settings(10, 4), 5); // 0, 1, 4, 10
  nnlab::RunSnapshots saved{{0, 1, 4}, arma::randu<arma::mat>(5, 3)};
  recorder.restore(saved, 6);
  const nnlab::RunSnapshots back = recorder.taken();
  CHECK(back.iterations == saved.iterations);
  CHECK(arma::approx_equal(back.params, saved.params, "absdiff", 0.0));
  nnlab::SnapshotRecorder other(settings(10, 4), 5);
  CHECK_THROWS_AS(other.restore({{0, 1}, arma::mat(5, 2)}, 6), std::invalid_argument);
  CHECK_THROWS_AS(other.restore({{0, 2, 4}, arma::mat(5, 3)}, 6), std::invalid_argument);
  CHECK_THROWS_AS(other.restore({{0, 1, 4}, arma::mat(4, 3)}, 6), std::invalid_argument);
}
