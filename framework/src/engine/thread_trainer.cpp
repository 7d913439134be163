#include "nnlab/engine/thread_trainer.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "nnlab/core/memory_size.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab {

namespace {

/// Trains runs on worker threads and hands each finished record, with its --verbose
/// text, to the one thread that stores them. A thread starts its next run only while
/// fewer than `jobs` records wait to be taken: when storing is slower than training (tiny
/// runs, each stored with an fsync), memory holds a few records, not the sweep's backlog.
class ThreadTrainer final : public RunTrainer {
public:
  explicit ThreadTrainer(TrainRequest request) : request_(std::move(request)) {
    const unsigned n = std::min<std::size_t>(request_.jobs, request_.runs.size());
    running_ = n;
    for (unsigned i = 0; i < n; ++i)
      threads_.emplace_back([this] { work(); });
  }

  ~ThreadTrainer() override {
    {
      std::lock_guard lock(mutex_);
      abort_ = true;
    }
    room_.notify_all();
    for (auto& thread : threads_)
      thread.join();
  }

  bool next(FinishedRun& finished) override {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !done_.empty() || running_ == 0; });
    return take(finished);
  }

  std::optional<bool> next_within(FinishedRun& finished, std::chrono::milliseconds wait) override {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, wait, [&] { return !done_.empty() || running_ == 0; }))
      return std::nullopt;
    return take(finished);
  }

  bool stopped_early() const override {
    std::lock_guard lock(mutex_);
    return started_ < request_.runs.size() || interrupted_ > 0;
  }

private:
  bool take(FinishedRun& finished) {
    if (done_.empty()) {
      if (error_) std::rethrow_exception(error_);
      return false;
    }
    finished = std::move(done_.front());
    done_.pop_front();
    room_.notify_one();
    return true;
  }

  // A run that could not even be built (memory ran out since the sweep was checked, a file
  // went away) fails alone, saying so.
  static RunRecord unprepared(const RunSpec& spec, const std::exception& e) {
    RunRecord record;
    record.id = spec.id;
    record.index = spec.index;
    record.seed = spec.seed;
    record.label = spec.point_label();
    record.status = RunStatus::failed;
    record.message = "preparing the run: " + failure_text(e);
    try {
      record.config_yaml = to_yaml(spec.config());
    } catch (const std::exception&) {
      // the message says what went wrong; the config stays empty
    }
    return record;
  }

  // Prepares and trains run i; nullopt when a stop interrupted it (its checkpoint saved).
  std::optional<FinishedRun> train(std::size_t i) {
    const RunSpec& spec = *request_.runs[i];
    std::ostringstream verbose_text;
    RunOptions options{request_.verbose ? &verbose_text : nullptr, request_.checkpoint_dir,
                       request_.stop, static_cast<arma::uword>(request_.pause_at)};
    std::optional<PreparedRun> run;
    try {
      run.emplace(request_.preparer->prepare(spec));
    } catch (const std::exception& e) {
      if (!is_out_of_memory(e)) throw;
      return FinishedRun{unprepared(spec, e), {}};
    }
    try {
      return FinishedRun{execute_run(*run, options), verbose_text.str()};
    } catch (const RunInterrupted&) {
      return std::nullopt;
    }
  }

  void work() {
    try {
      while (true) {
        std::size_t i = 0;
        {
          std::unique_lock lock(mutex_);
          room_.wait(lock, [&] { return abort_ || done_.size() < request_.jobs; });
          if (abort_ || (request_.stop && *request_.stop) || started_ == request_.runs.size())
            break;
          i = started_++;
        }
        std::optional<FinishedRun> finished = train(i);
        std::lock_guard lock(mutex_);
        if (!finished) {
          ++interrupted_;
          continue;
        }
        done_.push_back(std::move(*finished));
        ready_.notify_one();
      }
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
      abort_ = true;
      room_.notify_all();
    }
    std::lock_guard lock(mutex_);
    --running_;
    ready_.notify_one();
  }

  TrainRequest request_;
  std::vector<std::thread> threads_;
  mutable std::mutex mutex_;
  std::condition_variable ready_; // a record is waiting, or a thread has ended
  std::condition_variable room_;  // a record was taken (or abort_)
  std::deque<FinishedRun> done_;
  std::size_t started_ = 0;
  std::size_t interrupted_ = 0; // runs a stop interrupted (their checkpoints saved)
  unsigned running_ = 0;
  bool abort_ = false; // guarded by mutex_
  std::exception_ptr error_;
};

} // namespace

std::unique_ptr<RunTrainer> train_on_threads(TrainRequest request) {
  return std::make_unique<ThreadTrainer>(std::move(request));
}

} // namespace nnlab
