#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/train/checkpoint.hpp"
#include "nnlab/train/trainer.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plugins.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// The course's run (experiments/xor.yaml) with its optimizer and training blocks replaced,
// in the given precision (model.precision).
struct CourseRun {
  std::vector<nnlab::RunSpec> specs;
  std::vector<nnlab::PreparedRun> runs;
};

CourseRun course_run(const std::string& optimizer, const std::string& training,
                     const std::string& precision = "float64") {
  const fs::path file = nnlab::test::source_dir() / "experiments/xor.yaml";
  nnlab::ConfigNode root = nnlab::load_yaml_file(file);
  root.set("optimizer", nnlab::parse_yaml(optimizer, "optimizer"));
  root.set("training", nnlab::parse_yaml(training, "training"));
  root.find("model")->set("precision", nnlab::ConfigNode::scalar(precision));
  CourseRun course;
  course.specs = nnlab::expand_sweep(nnlab::parse_experiment(root, file, nnlab::to_yaml(root)));
  nnlab::DatasetCache datasets(nnlab::test::registry());
  course.runs = nnlab::prepare_runs(course.specs, nnlab::test::registry(), datasets);
  return course;
}

// Thrown past execute_run (it is no std::exception), as a kill ends a process: the run
// gets no chance to clean up, so its checkpoint stays behind.
struct Killed {};

// The real loss, counting its calls (two per iteration: train, then test); call number
// `kill_at` throws Killed instead.
class CountingLoss final : public nnlab::Loss {
public:
  CountingLoss(std::shared_ptr<nnlab::Loss> real, int kill_at = 0)
      : real_(std::move(real)), kill_at_(kill_at) {}
  double value(const arma::mat& a, const arma::mat& y) const override {
    if (++calls_ == kill_at_) throw Killed{};
    return real_->value(a, y);
  }
  void gradient(const arma::mat& a, const arma::mat& y, arma::mat& d) const override {
    real_->gradient(a, y, d);
  }
  int calls() const { return calls_; }

private:
  std::shared_ptr<nnlab::Loss> real_;
  int kill_at_;
  mutable int calls_ = 0;
};

void require_same_bits(const nnlab::RunRecord& a, const nnlab::RunRecord& b) {
  REQUIRE(a.series.cost_train.n_elem == b.series.cost_train.n_elem);
  CHECK(arma::approx_equal(a.series.cost_train, b.series.cost_train, "absdiff", 0.0));
  CHECK(arma::approx_equal(a.series.cost_test, b.series.cost_test, "absdiff", 0.0));
  CHECK(arma::approx_equal(a.series.accuracy_train, b.series.accuracy_train, "absdiff", 0.0));
  CHECK(arma::approx_equal(a.series.accuracy_test, b.series.accuracy_test, "absdiff", 0.0));
  REQUIRE(a.weights.size() == b.weights.size());
  for (std::size_t i = 0; i < a.weights.size(); ++i) {
    CAPTURE(a.weights[i].first);
    CHECK(a.weights[i].first == b.weights[i].first);
    CHECK(arma::approx_equal(a.weights[i].second, b.weights[i].second, "absdiff", 0.0));
  }
}

// Runs `run` with checkpoints in `dir`, killed at the start of iteration `kill_at`.
void run_killed(const nnlab::PreparedRun& run, const fs::path& dir, int kill_at) {
  nnlab::PreparedRun killed = run;
  killed.loss = std::make_shared<CountingLoss>(run.loss, 2 * (kill_at - 1) + 1);
  REQUIRE_THROWS_AS(nnlab::execute_run(killed, {nullptr, dir}), Killed);
}

} // namespace

TEST_CASE("Checkpoint: a run killed after a checkpoint resumes to the same bits",
          "[train][checkpoint]") {
  using Row = std::pair<std::string, std::string>;
  const auto [optimizer, training] =
      GENERATE(Row{"{plugin: momentum, momentum: 0.9, learning_rate: 0.05}",
                   "{iterations: 120, checkpoint_every: 25}"},
               Row{"{plugin: sgd, learning_rate: 0.05}", "{iterations: 120, checkpoint_every: 25}"},
               // 1000 samples in batches of 100: 12 epochs are 120 updates, reshuffled each epoch,
               // the checkpoint mid-epoch, the adaptive schedule replayed from the series.
               Row{"{plugin: adam, learning_rate: 0.05}",
                   "{epochs: 12, batch_size: 100, checkpoint_every: 25, weight_decay: 0.001, "
                   "clip_norm: 1.0, lr_schedule: {kind: adaptive, patience: 3, tol: 0.01}}"});
  // A float32 run's checkpoint holds its double master weights: the passes after a resume
  // round them to float again, as the uninterrupted run did.
  const std::string precision = GENERATE("float64", "float32");
  CAPTURE(optimizer, training, precision);
  const auto course = course_run(optimizer, training, precision);
  const nnlab::PreparedRun& run = course.runs.at(0);
  const auto uninterrupted = nnlab::execute_run(run);

  const nnlab::test::TempDir dir;
  const fs::path file = nnlab::checkpoint_file(dir.path(), run.spec->id);
  run_killed(run, dir.path(), 61);
  REQUIRE(fs::exists(file));
  CHECK_FALSE(fs::exists(fs::path(file) += ".tmp"));
  const nnlab::Checkpoint saved = nnlab::read_checkpoint(file);
  CHECK(saved.iteration == 50);
  CHECK(arma::approx_equal(saved.series.cost_test, uninterrupted.series.cost_test.head(50),
                           "absdiff", 0.0));

  nnlab::PreparedRun resumed = run;
  const auto counting = std::make_shared<CountingLoss>(run.loss);
  resumed.loss = counting;
  const auto record = nnlab::execute_run(resumed, {nullptr, dir.path()});
  // It trained only what the checkpoint lacked (a test and a training cost per iteration),
  // then measured the stored net once on each split.
  CHECK(counting->calls() == 2 * (120 - 50) + 2);
  CHECK(record.resumed_from == 50);
  CHECK(uninterrupted.resumed_from == 0);
  CHECK(record.status == nnlab::RunStatus::done);
  CHECK(record.iterations_done == 120);
  require_same_bits(record, uninterrupted);
  CHECK(record.precision == precision);
  CHECK(fs::is_empty(dir.path())); // the checkpoint is gone with the run
}

TEST_CASE("Checkpoint: a resumed run stops early where the uninterrupted one did",
          "[train][checkpoint][early_stopping]") {
  const auto course =
      course_run("{plugin: momentum, momentum: 0.9, learning_rate: 0.05}",
                 "{iterations: 1000, checkpoint_every: 10, "
                 "early_stopping: {patience: 40, min_delta: 0.001, monitor: accuracy_test}}");
  const nnlab::PreparedRun& run = course.runs.at(0);
  const auto uninterrupted = nnlab::execute_run(run);
  const arma::uword stop = uninterrupted.iterations_done;
  REQUIRE(stop < 1000); // the case is only worth something if the run does stop early
  REQUIRE(stop > 40);
  CHECK_THAT(uninterrupted.message, Contains("early stop at iteration " + std::to_string(stop)));

  const nnlab::test::TempDir dir;
  // Killed inside the patience window: the checkpoint carries iterations since the best.
  run_killed(run, dir.path(), static_cast<int>(stop) - 5);
  const auto saved = nnlab::read_checkpoint(nnlab::checkpoint_file(dir.path(), run.spec->id));
  REQUIRE(saved.early_stopping.has_value());
  CHECK(saved.early_stopping->since_best > 0); // so that restoring it matters
  const auto record = nnlab::execute_run(run, {nullptr, dir.path()});
  CHECK(record.iterations_done == stop);
  CHECK(record.best_iteration == uninterrupted.best_iteration);
  CHECK(record.message == uninterrupted.message);
  require_same_bits(record, uninterrupted);
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("CheckpointWriter: saves after every N-th update, with the updated parameters",
          "[train][checkpoint]") {
  nnlab::DataSplit data;
  data.train.X = {{-1, -1, 1, 1}, {-1, 1, -1, 1}};
  data.train.y = {0, 1, 1, 0};
  data.test = data.train;
  const nnlab::Architecture arch{2,
                                 {3, 1},
                                 nnlab::Activation(nnlab::Activation::Kind::tanh),
                                 nnlab::Activation(nnlab::Activation::Kind::sigmoid)};
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const auto momentum = nnlab::test::make_optimizer("{plugin: momentum, momentum: 0.5}");
  nnlab::Mlp mlp(arch), reference(arch);
  nnlab::Rng rng(2), same(2);
  nnlab::initialize(mlp, {}, rng);
  nnlab::initialize(reference, {}, same);

  const nnlab::test::TempDir dir;
  const fs::path file = dir.path() / "run.h5";
  nnlab::SeriesRecorder recorder(10);
  nnlab::CheckpointWriter writer({file, "abc", 4}, recorder, rng);
  nnlab::ObserverList observers;
  observers.add(recorder);
  observers.add(writer);
  nnlab::Trainer().run(mlp, *momentum, *loss, data, {10, 0.5}, observers);
  CHECK(writer.written() == 2);

  nnlab::SeriesRecorder eight(8);
  nnlab::Trainer().run(reference, *momentum, *loss, data, {8, 0.5}, eight);
  const nnlab::Checkpoint saved = nnlab::read_checkpoint(file);
  CHECK(saved.run_id == "abc");
  CHECK(saved.iteration == 8);
  CHECK(saved.series.cost_train.n_elem == 8);
  CHECK(arma::approx_equal(saved.params, reference.params(), "absdiff", 0.0));
  REQUIRE(saved.optimizer.size() == 1);
  // The optimizer's state is now the reference run's, after its 8th update.
  CHECK(arma::approx_equal(saved.optimizer[0].second, momentum->state()[0].second, "absdiff", 0.0));
  CHECK(saved.rng == rng.state());
  CHECK_FALSE(saved.early_stopping.has_value());
}

TEST_CASE("Checkpoint: write_checkpoint then read_checkpoint gives back every field",
          "[train][checkpoint]") {
  nnlab::Checkpoint saved;
  saved.run_id = "00ff00ff00ff00ff";
  saved.iteration = 3;
  saved.params = {0.1, -2.5, 1e-300, 3.0};
  saved.optimizer = {{"velocity", {1.0, 2.0, 3.0, 4.0}}, {"accumulated", {5.0, 6.0, 7.0, 8.0}}};
  saved.rng = nnlab::Rng(4).state();
  saved.series = {{0.7, 0.6, 0.5}, {0.71, 0.61, 0.51}, {0.5, 0.75, 1.0}, {0.5, 0.5, 0.75}};
  saved.early_stopping = nnlab::EarlyStoppingState{0.5, 3, 0};

  const nnlab::test::TempDir dir;
  const fs::path file = nnlab::checkpoint_file(dir.path() / "made" / "here", saved.run_id);
  nnlab::write_checkpoint(file, saved);
  saved.iteration = 2; // written again over the first: the newest one counts
  for (auto* series : {&saved.series.cost_train, &saved.series.cost_test,
                       &saved.series.accuracy_train, &saved.series.accuracy_test})
    series->resize(2);
  nnlab::write_checkpoint(file, saved);
  CHECK(std::distance(fs::directory_iterator(file.parent_path()), {}) == 1); // no .tmp left

  const nnlab::Checkpoint read = nnlab::read_checkpoint(file);
  CHECK(read.run_id == saved.run_id);
  CHECK(read.iteration == 2);
  CHECK(arma::approx_equal(read.params, saved.params, "absdiff", 0.0));
  REQUIRE(read.optimizer.size() == 2);
  CHECK(read.optimizer[0].first == "velocity"); // in the optimizer's order
  CHECK(read.optimizer[1].first == "accumulated");
  CHECK(arma::approx_equal(read.optimizer[1].second, saved.optimizer[1].second, "absdiff", 0.0));
  CHECK(read.rng == saved.rng);
  CHECK(arma::approx_equal(read.series.accuracy_test, saved.series.accuracy_test, "absdiff", 0.0));
  REQUIRE(read.early_stopping.has_value());
  CHECK(read.early_stopping->best_value == 0.5);
  CHECK(read.early_stopping->best_iteration == 3);

  nnlab::remove_checkpoint(file);
  CHECK(fs::is_empty(file.parent_path()));
}

TEST_CASE("Checkpoint: one that does not belong to the run is refused with its file name",
          "[train][checkpoint]") {
  const auto course =
      course_run("{plugin: sgd, learning_rate: 0.05}", "{iterations: 30, checkpoint_every: 10}");
  const nnlab::PreparedRun& run = course.runs.at(0);
  const nnlab::test::TempDir dir;
  const fs::path file = nnlab::checkpoint_file(dir.path(), run.spec->id);
  nnlab::Checkpoint other;
  other.run_id = run.spec->id;
  other.iteration = 1;
  other.params = arma::vec(17, arma::fill::zeros); // the 2-3-2-1 network has 9 + 8 + 3 = 20
  other.rng = nnlab::Rng(1).state();
  other.series = {{1.0}, {1.0}, {0.5}, {0.5}};

  SECTION("another parameter count") {
    nnlab::write_checkpoint(file, other);
    REQUIRE_THROWS_AS(nnlab::execute_run(run, {nullptr, dir.path()}), nnlab::StorageError);
    REQUIRE_THROWS_WITH(nnlab::execute_run(run, {nullptr, dir.path()}),
                        Contains(file.string()) && Contains("17 parameters, the network 20"));
  }
  SECTION("another run") {
    other.run_id = "0123456789abcdef";
    other.params.zeros(20);
    nnlab::write_checkpoint(file, other);
    REQUIRE_THROWS_WITH(nnlab::execute_run(run, {nullptr, dir.path()}),
                        Contains(file.string()) && Contains("belongs to run 0123456789abcdef"));
  }
  SECTION("not a checkpoint at all") {
    dir.write(file.filename().string(), "not HDF5\n");
    REQUIRE_THROWS_AS(nnlab::execute_run(run, {nullptr, dir.path()}), nnlab::StorageError);
    REQUIRE_THROWS_WITH(nnlab::read_checkpoint(file),
                        Contains(file.string()) && Contains("cannot read checkpoint"));
  }
  CHECK(fs::exists(file)); // refused, not deleted
}

TEST_CASE("Snapshots: they change neither a run's id nor its series and weights",
          "[train][snapshots]") {
  const std::string sgd = "{plugin: sgd, learning_rate: 0.05}";
  const auto plain = course_run(sgd, "{iterations: 200}");
  const auto logspaced = course_run(sgd, "{iterations: 200, snapshots: 30}");
  const auto every = course_run(sgd, "{iterations: 200, snapshot_every: 50}");
  CHECK(logspaced.specs.at(0).id == plain.specs.at(0).id);
  CHECK(every.specs.at(0).id == plain.specs.at(0).id);
  const auto reference = nnlab::execute_run(plain.runs.at(0));
  CHECK(reference.snapshots.empty());
  for (const auto* course : {&logspaced, &every}) {
    const auto record = nnlab::execute_run(course->runs.at(0));
    require_same_bits(record, reference);
    const auto& taken = record.snapshots;
    REQUIRE(!taken.empty());
    CHECK(taken.iterations.front() == 0);
    CHECK(taken.iterations.back() == 200);
    CHECK(taken.iterations.size() == (course == &every ? 5 : 30));
    // The last snapshot is the stored weights, flattened as the network holds them.
    nnlab::Mlp mlp(course->runs.at(0).architecture);
    mlp.load_weights(record.weights);
    CHECK(arma::approx_equal(taken.params.tail_cols(1), mlp.params(), "absdiff", 0.0));
  }
}

TEST_CASE("Checkpoint: a run resumed from a checkpoint has the same snapshots",
          "[train][checkpoint][snapshots]") {
  const auto course = course_run("{plugin: momentum, momentum: 0.9, learning_rate: 0.05}",
                                 "{iterations: 120, checkpoint_every: 25, snapshots: 12}");
  const nnlab::PreparedRun& run = course.runs.at(0);
  const auto uninterrupted = nnlab::execute_run(run);
  REQUIRE(uninterrupted.snapshots.iterations.size() == 12);

  const nnlab::test::TempDir dir;
  run_killed(run, dir.path(), 61);
  const auto saved = nnlab::read_checkpoint(nnlab::checkpoint_file(dir.path(), run.spec->id));
  REQUIRE(saved.iteration == 50);
  std::vector<arma::uword> due;
  for (const arma::uword t : uninterrupted.snapshots.iterations)
    if (t <= 50) due.push_back(t);
  CHECK(saved.snapshots.iterations == due);
  REQUIRE(due.size() > 3); // some before the checkpoint, some after
  REQUIRE(due.size() < 12);

  const auto record = nnlab::execute_run(run, {nullptr, dir.path()});
  CHECK(record.resumed_from == 50);
  CHECK(record.snapshots.iterations == uninterrupted.snapshots.iterations);
  CHECK(
      arma::approx_equal(record.snapshots.params, uninterrupted.snapshots.params, "absdiff", 0.0));
  require_same_bits(record, uninterrupted);
}

TEST_CASE("Checkpoint: one without the snapshots a run takes does not fit it",
          "[train][checkpoint][snapshots]") {
  const std::string optimizer = "{plugin: sgd, learning_rate: 0.05}";
  const auto plain = course_run(optimizer, "{iterations: 120, checkpoint_every: 25}");
  const auto with = course_run(optimizer, "{iterations: 120, checkpoint_every: 25, snapshots: 12}");
  REQUIRE(plain.specs.at(0).id == with.specs.at(0).id); // the same run, kept differently
  const nnlab::test::TempDir dir;
  run_killed(plain.runs.at(0), dir.path(), 61);
  // Resuming would lose the snapshots before iteration 50: refused, naming the file.
  CHECK_THROWS_WITH(nnlab::execute_run(with.runs.at(0), {nullptr, dir.path()}),
                    Contains("checkpoint does not fit run") && Contains("snapshots"));
}
