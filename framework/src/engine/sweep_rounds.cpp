#include "sweep_rounds.hpp"

#include <algorithm>

#include <malloc.h>

namespace nnlab {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

} // namespace

SweepRounds::SweepRounds(TrainRequest request, RunTrainerFactory trainer,
                         const SweepOptions& options, RunStore& store, SweepResult& result,
                         ProgressReporter& progress)
    : request_(std::move(request)), trainer_(std::move(trainer)), options_(options), store_(store),
      result_(result), progress_(progress), first_failed_(request_.all->size()) {}

bool SweepRounds::train(const std::vector<const RunSpec*>& runs, std::uint64_t pause_at) {
  TrainRequest request = request_;
  request.runs = runs;
  request.pause_at = pause_at;
  const std::unique_ptr<RunTrainer> pool = trainer_.make(std::move(request));
  FinishedRun finished;
  while (pool->next(finished)) {
    const RunRecord& record = finished.record;
    const auto store_start = Clock::now();
    store_.write_run(record);
    result_.store_s += seconds_since(store_start);
    ++records_;
    trained_.insert(record.id);
    result_.trained = trained_.size(); // as it goes: a write error reports what is stored
    result_.diverged += record.status == RunStatus::diverged;
    if (record.status == RunStatus::failed) {
      ++result_.failed;
      if (record.index < first_failed_) {
        first_failed_ = record.index;
        result_.first_failure = "run " + std::to_string(record.index + 1) + " (" + record.id +
                                ", " + run_title(record.label, record.seed) +
                                "): " + record.message;
      }
    }
    if (!finished.verbose_text.empty())
      progress_.print("\nRun " + std::to_string(record.index + 1) + "  " + record.id + "  " +
                      run_title(record.label, record.seed) + "\n" + finished.verbose_text);
    progress_.finished(record);
    finished = {};
    // Each worker thread's malloc arena keeps the pages its runs freed; without this the
    // runner's memory grows over the first hundreds of runs (glibc trims only the top of
    // an arena by itself). A trim takes milliseconds: every 8 runs.
    if (records_ % 8 == 0) malloc_trim(0);
    if (seconds_since(last_publish_) > std::max(options_.publish_every_s, 10.0 * publish_took_)) {
      const auto publish_start = Clock::now();
      store_.publish();
      last_publish_ = Clock::now();
      publish_took_ = std::chrono::duration<double>(last_publish_ - publish_start).count();
      result_.store_s += publish_took_;
    }
  }
  result_.trained = trained_.size();
  result_.interrupted = pool->stopped_early();
  const auto publish_start = Clock::now();
  store_.publish();
  result_.store_s += seconds_since(publish_start);
  return !result_.interrupted;
}

} // namespace nnlab
