// Times nnlab's training phase on every run of an experiment, in-process, with nothing
// else around it (no data load, store or plot inside the timing):
//   nnlab_bench EXPERIMENT.yaml OUT.json [key=value ...] [--execute]
// Default: per run, the network and its initial weights as execute_run makes them, then
// Trainer::run with the series recorder (what a runner run records) and a clock observer
// stamping every iteration; reports every iteration's time, the sum of Trainer::run and the
// first run's last costs. --execute times whole execute_run calls instead (everything a
// sweep does per run besides loading data and storing), for the per-run overhead.
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "bench_result.hpp"
#include "iteration_clock.hpp"
#include "nnlab/config/experiment.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/blas_kernels.hpp"
#include "nnlab/core/blas_threads.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/train/trainer.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using nnlab_bench::BenchResult;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class Ticks final : public nnlab::TrainObserver {
public:
  explicit Ticks(nnlab_bench::IterationClock& clock) : clock_(clock) {}
  bool on_iteration(const nnlab::IterationStats&) override {
    clock_.tick();
    return false;
  }

private:
  nnlab_bench::IterationClock& clock_;
};

// One run's training as execute_run sets it up, the Trainer timed alone.
void train(const nnlab::PreparedRun& run, BenchResult& result, bool first) {
  nnlab::TrainSettings training = run.parsed.training;
  training.resolve(run.data->train.X.n_cols);
  training.shuffle_seed = run.streams.batches; // as execute_run: the run's own streams
  nnlab::Mlp mlp(run.architecture);
  nnlab::Rng rng(run.streams.init);
  nnlab::initialize(mlp, run.parsed.model.init, rng);
  nnlab::SeriesRecorder recorder(training.iterations);
  nnlab_bench::IterationClock clock(training.iterations);
  Ticks ticks(clock);
  nnlab::ObserverList observers;
  observers.add(recorder);
  observers.add(ticks);
  const auto start = Clock::now();
  nnlab::Trainer().run(mlp, *run.optimizer, *run.loss, *run.data, training, observers);
  clock.tick();
  result.total_train_s += seconds_since(start);
  const std::vector<double> times = clock.times();
  result.iteration_s.insert(result.iteration_s.end(), times.begin(), times.end());
  if (!first) return;
  const nnlab::RunSeries series = recorder.take();
  result.cost_train = series.cost_train.tail(1)(0);
  result.cost_test = series.cost_test.tail(1)(0);
}

void execute(const nnlab::PreparedRun& run, BenchResult& result, bool first) {
  const auto start = Clock::now();
  const nnlab::RunRecord record = nnlab::execute_run(run);
  result.total_execute_s += seconds_since(start);
  if (!first) return;
  result.cost_train = record.series.cost_train.tail(1)(0);
  result.cost_test = record.series.cost_test.tail(1)(0);
}

} // namespace

int main(int argc, char** argv) {
  nnlab::use_better_blas_kernels(argv); // as the runner does
  std::vector<std::string> args(argv + 1, argv + argc), overrides;
  bool whole_runs = false;
  std::vector<std::string> files;
  for (const std::string& arg : args) {
    if (arg == "--execute")
      whole_runs = true;
    else if (arg.find('=') != std::string::npos)
      overrides.push_back(arg);
    else
      files.push_back(arg);
  }
  if (files.size() != 2) {
    std::cerr << "usage: nnlab_bench EXPERIMENT.yaml OUT.json [key=value ...] [--execute]\n";
    return 2;
  }
  try {
    nnlab::set_blas_threads(1); // as the runner does inside each run
    const nnlab::Experiment experiment = nnlab::load_experiment(files[0], overrides);
    const std::vector<nnlab::RunSpec> specs = nnlab::expand_sweep(experiment);
    nnlab::Registry registry(nnlab::Registry::search_path({}));
    nnlab::DatasetCache datasets(registry);
    const std::vector<nnlab::PreparedRun> runs = nnlab::prepare_runs(specs, registry, datasets);
    BenchResult result;
    result.impl = "nnlab";
    result.runs = runs.size();
    for (std::size_t i = 0; i < runs.size(); ++i)
      (whole_runs ? execute : train)(runs[i], result, i == 0);
    nnlab_bench::write_json(result, files[1]);
  } catch (const std::exception& e) {
    std::cerr << "nnlab_bench: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
