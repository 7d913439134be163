#include "nnlab/engine/run_executor.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>

#include "nnlab/core/error.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/core/timestamp.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/train/checkpoint.hpp"
#include "nnlab/train/course_printer.hpp"
#include "nnlab/train/early_stopping.hpp"
#include "nnlab/train/trainer.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab {
namespace fs = std::filesystem;

namespace {

// Puts the checkpoint of an interrupted attempt back into the run's objects. One that does
// not fit this run is a StorageError naming the file, never silently ignored.
Checkpoint resume(const fs::path& file, const PreparedRun& run, const TrainSettings& training,
                  Mlp& mlp, Rng& rng, SeriesRecorder& recorder, EarlyStopping* stopper) {
  Checkpoint checkpoint = read_checkpoint(file);
  check_checkpoint(file, checkpoint, run.spec->id, mlp.n_params(), training);
  try {
    // Tried here so that a state the optimizer refuses fails before training starts;
    // the Trainer restores it again after its own reset().
    run.optimizer->reset(mlp.n_params());
    run.optimizer->restore(checkpoint.optimizer);
    rng.restore(checkpoint.rng);
    recorder.restore(checkpoint.series);
  } catch (const std::exception& e) {
    throw StorageError(file.string() + ": checkpoint does not fit run " + run.spec->id + ": " +
                       e.what());
  }
  std::copy(checkpoint.params.begin(), checkpoint.params.end(), mlp.params().begin());
  if (stopper) stopper->restore(*checkpoint.early_stopping);
  return checkpoint;
}

} // namespace

RunRecord execute_run(const PreparedRun& run, const RunOptions& options) {
  std::ostream* verbose = options.verbose;
  const RunSpec& spec = *run.spec;
  // With epochs, the number of updates follows from the training set's size; the
  // mini-batches are shuffled from the run's seed.
  TrainSettings training = run.parsed.training;
  training.resolve(run.data->train.X.n_cols);
  training.shuffle_seed = mix_seed(spec.rng_seed, 0x5348554646ULL); // "SHUFF"
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
  if (run.inputs) { // what the run reads and runs, as hashed when it was prepared
    record.inputs = run.inputs->files;
    record.libraries = run.inputs->libraries;
  }
  record.precision = to_string(run.architecture.precision);

  Mlp mlp(run.architecture);
  Rng rng(spec.rng_seed);
  initialize(mlp, run.parsed.model.init, rng);
  SeriesRecorder recorder(training.iterations);
  CoursePrinter printer(verbose ? *verbose : std::cout);
  std::optional<EarlyStopping> stopper;
  if (training.early_stopping) stopper.emplace(*training.early_stopping);
  ObserverList observers;
  observers.add(recorder);
  if (verbose) observers.add(printer);
  if (stopper) observers.add(*stopper);

  // With checkpoints, a run interrupted earlier continues from its last one.
  const fs::path checkpoint = training.checkpoint_every > 0 && !options.checkpoint_dir.empty()
                                  ? checkpoint_file(options.checkpoint_dir, spec.id)
                                  : fs::path();
  std::optional<Checkpoint> resumed;
  if (!checkpoint.empty() && fs::exists(checkpoint))
    resumed = resume(checkpoint, run, training, mlp, rng, recorder, stopper ? &*stopper : nullptr);
  std::optional<CheckpointWriter> writer;
  if (!checkpoint.empty()) {
    writer.emplace(CheckpointPlan{checkpoint, spec.id, training.checkpoint_every}, recorder, rng,
                   stopper ? &*stopper : nullptr);
    observers.add(*writer);
  }
  TrainStart from;
  if (resumed) {
    from = {resumed->iteration, &resumed->optimizer, &resumed->series};
    record.resumed_from = resumed->iteration;
  }

  try {
    const TrainResult result =
        Trainer().run(mlp, *run.optimizer, *run.loss, *run.data, training, observers, from);
    record.status =
        result.status == TrainResult::Status::diverged ? RunStatus::diverged : RunStatus::done;
    record.message = stopper && stopper->stopped_at() ? stopper->message() : result.message;
  } catch (const std::exception& e) {
    record.status = RunStatus::failed;
    record.message = e.what();
  }
  if (!checkpoint.empty()) remove_checkpoint(checkpoint);
  if (stopper) record.best_iteration = stopper->best_iteration();
  record.series = recorder.take();
  record.iterations_done = record.series.cost_train.n_elem;
  record.weights = mlp.named_weights();
  record.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  record.end_time = utc_timestamp(std::chrono::system_clock::now(), true);
  return record;
}

} // namespace nnlab
