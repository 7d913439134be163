#include "nnlab/engine/sweep_runner.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

#include <malloc.h>

#include "nnlab/core/error.hpp"
#include "nnlab/core/version.hpp"
#include "nnlab/engine/progress.hpp"
#include "nnlab/engine/provenance.hpp"
#include "nnlab/engine/results_folder.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/engine/run_trainer.hpp"
#include "nnlab/engine/thread_trainer.hpp"
#include "nnlab/storage/run_store.hpp"
#include "stale_reruns.hpp"

namespace nnlab {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

unsigned job_count(unsigned requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

// As many runs at once as the budget holds with the data loaded, the largest of them
// counting for each; at least one (check() refused any run that alone does not fit).
unsigned jobs_that_fit(unsigned jobs, const RunPreparer& preparer, const MemoryBudget& budget) {
  const auto& memory = preparer.memory();
  if (!budget.limited() || memory.empty()) return jobs;
  // Each estimate counts its run's data, which the runs share: count it once.
  const std::uint64_t data = preparer.data_bytes();
  const std::uint64_t largest = *std::max_element(memory.begin(), memory.end());
  const std::uint64_t per_run =
      std::max<std::uint64_t>(1, largest > data ? largest - data : largest);
  const std::uint64_t room = budget.bytes > data ? budget.bytes - data : 0;
  return static_cast<unsigned>(std::clamp<std::uint64_t>(room / per_run, 1, jobs));
}

RunTrainerFactory thread_trainer() {
  return {train_on_threads, [](const TrainRequest& request) {
            return std::to_string(std::min<std::size_t>(request.jobs, request.runs.size())) +
                   " thread(s)";
          }};
}

} // namespace

SweepResult run_sweep(const Experiment& experiment, const std::vector<RunSpec>& specs,
                      Registry& registry, const SweepOptions& options, std::ostream& out) {
  const auto start = Clock::now();
  // A store of an older format is refused before a single run is built.
  check_store_format(options.results_dir / experiment.name);
  // Every run is built and checked before any trains, one at a time and dropped again:
  // each is built anew when it starts.
  RunPreparer preparer(registry, options.memory);
  const PluginsUsed plugins = preparer.check(specs);
  const unsigned jobs = jobs_that_fit(job_count(options.jobs), preparer, options.memory);

  SweepResult result;
  result.runs = specs.size();
  result.experiment_dir = options.results_dir / experiment.name;
  result.store_file = result.experiment_dir / "runs.h5";
  const StoreHeader header{experiment.yaml_text, version, "",
                           collect_provenance(experiment, plugins, registry, options.command_line)};
  RunStore store = open_experiment_store(result.experiment_dir, header);
  result.prepare_s = seconds_since(start);

  // Missing, failed and stale runs (rebuilt libraries checked first).
  const RerunPlan plan = plan_rerun(specs, preparer, store, options.force, options.keep_stale);
  const std::vector<const RunSpec*>& pending = plan.pending;
  result.skipped = specs.size() - pending.size();
  TrainRequest request{&specs,      pending,         &preparer,
                       jobs,        options.verbose, result.experiment_dir / "checkpoints",
                       options.stop};
  const RunTrainerFactory trainer = options.trainer.make ? options.trainer : thread_trainer();

  if (!options.quiet) {
    out << "experiment '" << experiment.name << "' (" << experiment.file.string()
        << "): " << specs.size() << " run(s) = " << specs.size() / experiment.seeds.size()
        << " sweep point(s) x " << experiment.seeds.size() << " seed(s); " << pending.size()
        << " to train on " << trainer.where(request);
    if (result.skipped > 0) out << ", " << result.skipped << " already in the store";
    if (!options.trainer.make && jobs < job_count(options.jobs))
      out << " (as many at once as fit in memory: " << options.memory.describe() << ")";
    out << '\n';
    for (const std::string& line : plan.lines)
      out << line << '\n';
  }

  ProgressReporter progress(out, specs.size(), pending.size(), options.terminal, options.quiet);
  try {
    const std::unique_ptr<RunTrainer> pool = trainer.make(std::move(request));
    auto last_publish = Clock::now();
    double publish_took = 0.0; // seconds, the last merge
    FinishedRun finished;
    std::size_t first_failed = SIZE_MAX; // the sweep index of the first failure
    while (pool->next(finished)) {
      const RunRecord& record = finished.record;
      const auto store_start = Clock::now();
      store.write_run(record);
      result.store_s += seconds_since(store_start);
      ++result.trained;
      result.diverged += record.status == RunStatus::diverged;
      if (record.status == RunStatus::failed) {
        ++result.failed;
        if (record.index < first_failed) {
          first_failed = record.index;
          result.first_failure = "run " + std::to_string(record.index + 1) + " (" + record.id +
                                 ", " + run_title(record.label, record.seed) +
                                 "): " + record.message;
        }
      }
      if (!finished.verbose_text.empty())
        progress.print("\nRun " + std::to_string(finished.record.index + 1) + "  " +
                       finished.record.id + "  " +
                       run_title(finished.record.label, finished.record.seed) + "\n" +
                       finished.verbose_text);
      progress.finished(finished.record);
      finished = {};
      // Each worker thread's malloc arena keeps the pages its runs freed; without this the
      // runner's memory grows over the first hundreds of runs (glibc trims only the top of
      // an arena by itself). A trim takes milliseconds: every 8 runs.
      if (result.trained % 8 == 0) malloc_trim(0);
      if (std::chrono::duration<double>(Clock::now() - last_publish).count() >
          std::max(options.publish_every_s, 10.0 * publish_took)) {
        const auto publish_start = Clock::now();
        store.publish();
        last_publish = Clock::now();
        publish_took = std::chrono::duration<double>(last_publish - publish_start).count();
        result.store_s += publish_took;
      }
    }
    result.interrupted = pool->stopped_early();
    const auto publish_start = Clock::now();
    store.publish();
    result.store_s += seconds_since(publish_start);
  } catch (const StorageError& e) {
    // A full disk or another write error stops the sweep; what is stored stays, and the
    // same command resumes once there is room.
    progress.close();
    throw StorageError(std::string(e.what()) + "; the sweep stopped with " +
                       std::to_string(result.skipped + result.trained) + " of " +
                       std::to_string(result.runs) +
                       " runs stored: make room and run the same command again to resume");
  }
  progress.close();
  // Kept runs are done or diverged (a failed run is trained again): their status counts too.
  if (!result.interrupted) result.diverged += plan.kept_diverged;
  result.wall_time_s = seconds_since(start);
  return result;
}

} // namespace nnlab
