#include "nnlab/engine/run_executor.hpp"

#include <chrono>
#include <iostream>

#include "nnlab/config/yaml_source.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/train/course_printer.hpp"
#include "nnlab/train/trainer.hpp"

namespace nnlab {

RunRecord execute_run(const PreparedRun& run, const RunOptions& options) {
  std::ostream* verbose = options.verbose;
  const RunSpec& spec = *run.spec;
  const auto start = std::chrono::steady_clock::now();
  RunRecord record;
  record.id = spec.id;
  record.index = spec.index;
  record.seed = spec.seed;
  record.config_yaml = to_yaml(spec.config);
  record.label = spec.point_label();

  Mlp mlp(run.architecture);
  Rng rng(spec.rng_seed);
  initialize(mlp, spec.parsed.model.init, rng);
  SeriesRecorder recorder(spec.parsed.training.iterations);
  CoursePrinter printer(verbose ? *verbose : std::cout);
  ObserverList observers;
  observers.add(recorder);
  if (verbose) observers.add(printer);

  try {
    const TrainResult result =
        Trainer().run(mlp, *run.optimizer, *run.loss, *run.data, spec.parsed.training, observers);
    record.status =
        result.status == TrainResult::Status::diverged ? RunStatus::diverged : RunStatus::done;
    record.message = result.message;
    record.iterations_done = result.iterations_done;
  } catch (const std::exception& e) {
    record.status = RunStatus::failed;
    record.message = e.what();
  }
  record.series = recorder.take();
  record.iterations_done = record.series.cost_train.n_elem;
  record.weights = mlp.named_weights();
  record.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return record;
}

} // namespace nnlab
