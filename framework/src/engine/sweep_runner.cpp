#include "nnlab/engine/sweep_runner.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "nnlab/core/version.hpp"
#include "nnlab/engine/dataset_cache.hpp"
#include "nnlab/engine/experiment_plots.hpp"
#include "nnlab/engine/prepared_run.hpp"
#include "nnlab/engine/progress.hpp"
#include "nnlab/engine/provenance.hpp"
#include "nnlab/engine/results_folder.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/sweep_summary.hpp"
#include "nnlab/report/html_report.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

namespace {

using Clock = std::chrono::steady_clock;

/// Trains runs on worker threads and hands each finished record, with its --verbose
/// text, to the one thread that stores them.
class RunPool {
public:
  struct Finished {
    RunRecord record;
    std::string verbose_text;
  };

  RunPool(std::vector<const PreparedRun*> runs, unsigned jobs, bool verbose,
          std::filesystem::path checkpoint_dir, const std::atomic<bool>* stop)
      : runs_(std::move(runs)), verbose_(verbose), checkpoint_dir_(std::move(checkpoint_dir)),
        stop_(stop) {
    const unsigned n = std::min<std::size_t>(jobs, runs_.size());
    running_ = n;
    for (unsigned i = 0; i < n; ++i)
      threads_.emplace_back([this] { work(); });
  }

  ~RunPool() {
    abort_ = true;
    for (auto& thread : threads_)
      thread.join();
  }

  /// The next finished run, or false when every worker has stopped.
  bool next(Finished& finished) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !done_.empty() || running_ == 0; });
    if (done_.empty()) {
      if (error_) std::rethrow_exception(error_);
      return false;
    }
    finished = std::move(done_.front());
    done_.pop_front();
    return true;
  }

  /// Whether runs were left untrained because of a stop request.
  bool stopped_early() const { return started_ < runs_.size(); }

private:
  void work() {
    try {
      while (true) {
        std::size_t i = 0;
        {
          std::lock_guard lock(mutex_);
          if (abort_ || (stop_ && *stop_) || started_ == runs_.size()) break;
          i = started_++;
        }
        std::ostringstream verbose_text;
        RunOptions options{verbose_ ? &verbose_text : nullptr, checkpoint_dir_};
        Finished finished{execute_run(*runs_[i], options), verbose_text.str()};
        std::lock_guard lock(mutex_);
        done_.push_back(std::move(finished));
        ready_.notify_one();
      }
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
      abort_ = true;
    }
    std::lock_guard lock(mutex_);
    --running_;
    ready_.notify_one();
  }

  std::vector<const PreparedRun*> runs_;
  bool verbose_;
  std::filesystem::path checkpoint_dir_;
  const std::atomic<bool>* stop_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Finished> done_;
  std::size_t started_ = 0;
  unsigned running_ = 0;
  std::atomic<bool> abort_ = false;
  std::exception_ptr error_;
};

unsigned job_count(unsigned requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

} // namespace

SweepResult run_sweep(const Experiment& experiment, const std::vector<RunSpec>& specs,
                      Registry& registry, const SweepOptions& options, std::ostream& out) {
  const auto start = Clock::now();
  DatasetCache datasets(registry);
  const std::vector<PreparedRun> runs = prepare_runs(specs, registry, datasets);

  SweepResult result;
  result.runs = runs.size();
  result.experiment_dir = options.results_dir / experiment.name;
  result.store_file = result.experiment_dir / "runs.h5";
  result.plot_dir = result.experiment_dir / "plots";
  result.summary_file = result.experiment_dir / "summary.csv";
  result.report_file = result.experiment_dir / "report.html";
  const StoreHeader header{experiment.yaml_text, version, "",
                           collect_provenance(experiment, runs, registry, options.command_line)};
  RunStore store = open_experiment_store(result.experiment_dir, header);

  const auto completed = options.force ? std::set<std::string>{} : store.completed_run_ids();
  std::vector<const PreparedRun*> pending;
  for (const auto& run : runs)
    if (!completed.count(run.spec->id)) pending.push_back(&run);
  result.skipped = runs.size() - pending.size();

  if (!options.quiet) {
    out << "experiment '" << experiment.name << "' (" << experiment.file.string()
        << "): " << specs.size() << " run(s) = " << specs.size() / experiment.seeds.size()
        << " sweep point(s) x " << experiment.seeds.size() << " seed(s); " << pending.size()
        << " to train on " << std::min<std::size_t>(job_count(options.jobs), pending.size())
        << " thread(s)";
    if (result.skipped > 0) out << ", " << result.skipped << " already in the store";
    out << '\n';
  }

  ProgressReporter progress(out, runs.size(), pending.size(), options.terminal, options.quiet);
  {
    RunPool pool(pending, job_count(options.jobs), options.verbose,
                 result.experiment_dir / "checkpoints", options.stop);
    auto last_publish = Clock::now();
    RunPool::Finished finished;
    while (pool.next(finished)) {
      store.write_run(finished.record);
      ++result.trained;
      if (!finished.verbose_text.empty())
        progress.print("\nRun " + std::to_string(finished.record.index + 1) + "  " +
                       finished.record.id + "  " +
                       run_title(finished.record.label, finished.record.seed) + "\n" +
                       finished.verbose_text);
      progress.finished(finished.record);
      if (std::chrono::duration<double>(Clock::now() - last_publish).count() >
          options.publish_every_s) {
        store.publish();
        last_publish = Clock::now();
      }
    }
    result.interrupted = pool.stopped_early();
  }
  store.publish();
  progress.close();
  if (result.interrupted) {
    result.wall_time_s = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
  }

  // Plots and summary read the runs back one at a time: a sweep of any size fits.
  std::vector<RunSummary> summaries;
  summaries.reserve(runs.size());
  std::optional<ExperimentPlotter> plotter;
  if (options.plots) plotter.emplace(experiment.name, result.plot_dir, result.store_file);
  for (const auto& run : runs) {
    const RunRecord record = store.read_run(run.spec->id);
    summaries.push_back(summarize(record));
    result.diverged += record.status == RunStatus::diverged;
    result.failed += record.status == RunStatus::failed;
    if (record.status == RunStatus::failed && result.first_failure.empty())
      result.first_failure =
          record.id + " " + run_title(record.label, record.seed) + ": " + record.message;
    if (plotter) plotter->add_run(run, record);
  }
  write_summary_csv(summaries, result.summary_file);
  if (plotter) result.plots = plotter->render();
  HtmlReport report{
      experiment.name, experiment.yaml_text, experiment.overrides, summaries, {}, {}, {}};
  for (const auto& png : result.plots)
    report.images.push_back(png.lexically_relative(result.experiment_dir));
  write_html_report(result.report_file, report);
  if (!options.quiet) {
    out << '\n';
    print_summary(summaries, out);
  }
  result.wall_time_s = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

} // namespace nnlab
