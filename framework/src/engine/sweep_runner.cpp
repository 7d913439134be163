#include "nnlab/engine/sweep_runner.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

#include "halving_sweep.hpp"
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
#include "sweep_rounds.hpp"

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
  return {train_on_threads,
          [](const TrainRequest& request) {
            return std::to_string(std::min<std::size_t>(request.jobs, request.runs.size())) +
                   " thread(s)";
          },
          {}};
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

  // Missing, failed and stale runs (rebuilt libraries checked first); a halving sweep keeps
  // its pruned runs (and continues those its rungs promote).
  const bool halving = prunes_points(experiment);
  const RerunPlan plan =
      plan_rerun(specs, preparer, store, options.force, options.keep_stale, halving);
  const std::vector<const RunSpec*>& pending = plan.pending;
  result.skipped = specs.size() - pending.size();
  TrainRequest request{
      &specs,      {}, &preparer, jobs, options.verbose, result.experiment_dir / "checkpoints",
      options.stop};
  const RunTrainerFactory trainer = options.trainer.make ? options.trainer : thread_trainer();
  request.runs = pending; // for where(); each round names its own

  if (!options.quiet) {
    out << "experiment '" << experiment.name << "' (" << experiment.file.string()
        << "): " << specs.size() << " run(s) = " << specs.size() / experiment.seeds.size()
        << " sweep point(s) x " << experiment.seeds.size() << " seed(s); " << pending.size()
        << (halving ? " to train (and those the rungs promote)" : " to train") << " on "
        << trainer.where(request);
    if (result.skipped > 0) out << ", " << result.skipped << " already in the store";
    if (!options.trainer.make && jobs < job_count(options.jobs))
      out << " (as many at once as fit in memory: " << options.memory.describe() << ")";
    out << '\n';
    for (const std::string& line : plan.lines)
      out << line << '\n';
  }

  ProgressReporter progress(out, specs.size(), halving ? 0 : pending.size(), options.terminal,
                            options.quiet);
  try {
    SweepRounds rounds(std::move(request), trainer, options, store, result, progress);
    if (halving) {
      run_halving(experiment, specs, pending, store, rounds, progress);
      result.skipped = specs.size() - result.trained; // pruned at an earlier rung, or kept
    } else
      rounds.train(pending);
    if (trainer.close) trainer.close();
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
