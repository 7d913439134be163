#include "nnlab/engine/run_executor.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>

#include "nnlab/core/error.hpp"
#include "nnlab/core/memory_size.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/core/timestamp.hpp"
#include "nnlab/model/fingerprint.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/train/checkpoint.hpp"
#include "nnlab/train/course_printer.hpp"
#include "nnlab/train/early_stopping.hpp"
#include "nnlab/train/evaluation.hpp"
#include "nnlab/train/snapshots.hpp"
#include "nnlab/train/trainer.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab {
namespace fs = std::filesystem;

namespace {

// Puts the checkpoint of an interrupted attempt back into the run's objects. One that does
// not fit this run is a StorageError naming the file, never silently ignored.
Checkpoint resume(const fs::path& file, const PreparedRun& run, const TrainSettings& training,
                  Mlp& mlp, Rng& rng, SeriesRecorder& recorder, SnapshotRecorder& snapshots,
                  EarlyStopping* stopper) {
  Checkpoint checkpoint = read_checkpoint(file);
  check_checkpoint(file, checkpoint, run.spec->id, mlp.n_params(), training);
  try {
    // Tried here so that a state the optimizer refuses fails before training starts;
    // the Trainer restores it again after its own reset().
    run.optimizer->reset(mlp.n_params());
    run.optimizer->restore(checkpoint.optimizer);
    rng.restore(checkpoint.rng);
    recorder.restore(checkpoint.series);
    snapshots.restore(checkpoint.snapshots, checkpoint.iteration);
  } catch (const std::exception& e) {
    throw StorageError(file.string() + ": checkpoint does not fit run " + run.spec->id + ": " +
                       e.what());
  }
  std::copy(checkpoint.params.begin(), checkpoint.params.end(), mlp.params().begin());
  if (stopper) {
    try {
      stopper->restore(*checkpoint.early_stopping);
    } catch (const std::exception& e) {
      throw StorageError(file.string() + ": checkpoint does not fit run " + run.spec->id + ": " +
                         e.what());
    }
  }
  return checkpoint;
}

// Stops training after the update of the iteration that sees the stop flag set, for a run
// with no checkpoint to save.
class StopOnRequest final : public TrainObserver {
public:
  explicit StopOnRequest(const std::atomic<bool>& stop) : stop_(stop) {}
  bool on_iteration(const IterationStats&) override { return false; }
  bool after_step(arma::uword iteration, const Mlp&, const Optimizer&) override {
    if (!stop_.load(std::memory_order_relaxed)) return false;
    stopped_at_ = iteration;
    return true;
  }
  arma::uword stopped_at() const { return stopped_at_; }

private:
  const std::atomic<bool>& stop_;
  arma::uword stopped_at_ = 0;
};

// A failure of this run alone: the record says what the run was doing.
void fail(RunRecord& record, const std::string& doing, const std::exception& e) {
  record.status = RunStatus::failed;
  record.message = doing + ": " + failure_text(e);
}

} // namespace

RunRecord execute_run(const PreparedRun& run, const RunOptions& options) {
  std::ostream* verbose = options.verbose;
  const RunSpec& spec = *run.spec;
  // With epochs, the number of updates follows from the training set's size; the
  // mini-batches are shuffled from the run's mini-batch stream.
  TrainSettings training = run.parsed.training;
  training.resolve(run.data->train.X.n_cols);
  training.shuffle_seed = run.streams.batches;
  const auto start = std::chrono::steady_clock::now();
  RunRecord record;
  record.start_time = utc_timestamp(std::chrono::system_clock::now(), true);
  record.id = spec.id;
  record.index = spec.index;
  record.seed = spec.seed;
  record.config_yaml = to_yaml(run.config);
  record.label = spec.point_label();
  record.class_names = run.data->class_names;
  record.feature_names = run.data->feature_names;
  const auto finish = [&]() -> RunRecord& {
    record.wall_time_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    record.end_time = utc_timestamp(std::chrono::system_clock::now(), true);
    return record;
  };
  record.scaler = run.data->scaler;
  if (run.inputs) { // what the run reads and runs, as hashed when it was prepared
    record.inputs = run.inputs->files;
    record.libraries = run.inputs->libraries;
  }
  record.precision = to_string(run.architecture.precision);

  // Everything the run holds is sized here; memory running out fails this run alone. The
  // initial weights come from the run's init stream alone: runs that differ only in what
  // the stream does not depend on start alike (paired).
  std::optional<Mlp> mlp;
  std::optional<SeriesRecorder> recorder;
  std::optional<SnapshotRecorder> snapshots;
  Rng rng(run.streams.init);
  const bool validation = run.data->valid.X.n_cols > 0;
  try {
    mlp.emplace(run.architecture);
    initialize(*mlp, run.parsed.model.init, rng);
    record.init_fingerprint = params_fingerprint(mlp->params());
    recorder.emplace(training.iterations, validation);
    snapshots.emplace(training, mlp->n_params());
    snapshots->start(*mlp);
  } catch (const std::exception& e) {
    fail(record, "building the network", e);
    return finish();
  }
  CoursePrinter printer(verbose ? *verbose : std::cout);
  std::optional<EarlyStopping> stopper;
  if (training.early_stopping) {
    stopper.emplace(*training.early_stopping);
    if (training.early_stopping->restore_best) stopper->keep_best(mlp->params());
  }
  ObserverList observers;
  observers.add(*recorder);
  if (snapshots->active()) observers.add(*snapshots); // before the checkpoint writer
  if (verbose) observers.add(printer);
  if (stopper) observers.add(*stopper);

  // A run interrupted earlier continues from its last checkpoint; one stopped now saves
  // one at the iteration it stops at.
  const arma::uword pause_at = options.pause_at < training.iterations ? options.pause_at : 0;
  const bool saves = training.checkpoint_every > 0 || options.stop || pause_at > 0;
  const fs::path checkpoint = options.checkpoint_dir.empty()
                                  ? fs::path()
                                  : checkpoint_file(options.checkpoint_dir, spec.id);
  std::optional<Checkpoint> resumed;
  if (!checkpoint.empty() && fs::exists(checkpoint))
    resumed = resume(checkpoint, run, training, *mlp, rng, *recorder, *snapshots,
                     stopper ? &*stopper : nullptr);
  std::optional<CheckpointWriter> writer;
  if (!checkpoint.empty() && saves) {
    writer.emplace(
        CheckpointPlan{checkpoint, spec.id, training.checkpoint_every, options.stop, pause_at},
        *recorder, rng, stopper ? &*stopper : nullptr, snapshots->active() ? &*snapshots : nullptr);
    observers.add(*writer);
  }
  std::optional<StopOnRequest> stop_request;
  if (!writer && options.stop) observers.add(stop_request.emplace(*options.stop));
  TrainStart from;
  if (resumed) {
    from = {resumed->iteration, &resumed->optimizer, &resumed->series};
    record.resumed_from = resumed->iteration;
  }

  // A run that reached its rung before (its record lost to a kill) is there already.
  const bool at_rung = pause_at > 0 && resumed && resumed->iteration == pause_at;
  try {
    if (!at_rung) {
      const TrainResult result =
          Trainer().run(*mlp, *run.optimizer, *run.loss, *run.data, training, observers, from);
      record.status =
          result.status == TrainResult::Status::diverged ? RunStatus::diverged : RunStatus::done;
      record.message = stopper && stopper->stopped_at() ? stopper->message() : result.message;
    }
    if (at_rung || (writer && writer->paused_at() > 0)) {
      record.status = RunStatus::pruned;
      record.message = "at rung " + std::to_string(pause_at) + " of successive halving";
    }
  } catch (const std::exception& e) {
    record.status = RunStatus::failed;
    // A plugin's or the data's own words; memory running out says what it was doing.
    record.message = is_out_of_memory(e) ? "training: " + failure_text(e) : e.what();
  }
  const arma::uword stopped_at = writer         ? writer->stopped_at()
                                 : stop_request ? stop_request->stopped_at()
                                                : 0;
  if (stopped_at > 0) throw RunInterrupted{spec.id, stopped_at};
  if (!checkpoint.empty() && record.status != RunStatus::pruned) remove_checkpoint(checkpoint);
  try {
    if (stopper) record.best_iteration = stopper->best_iteration();
    record.series = recorder->take();
    record.iterations_done = record.series.cost_train.n_elem;
    snapshots->finish(*mlp); // the movie ends on the last update's weights
    record.snapshots = snapshots->take();
    if (record.status != RunStatus::failed && record.status != RunStatus::pruned && stopper &&
        !stopper->best_params().is_empty() && stopper->best_iteration() > 0) {
      // restore_best: the parameters the best value was measured on, before its update.
      const arma::vec& best = stopper->best_params();
      std::copy(best.begin(), best.end(), mlp->params().begin());
      record.restored_iteration = stopper->best_iteration();
    }
    record.weights = mlp->named_weights();
    // Once, on the net as stored: its cost and accuracy on each split (the run's final
    // values), the confusion matrix, F1, ROC AUC, ... of the test and validation splits.
    if (record.status == RunStatus::done)
      record.evaluation = evaluate_network(*mlp, *run.loss, *run.data);
  } catch (const std::exception& e) {
    fail(record, "keeping its results", e);
  }
  return finish();
}

} // namespace nnlab
