// The sweep over MPI ranks: rank 0 hands out runs and stores what comes back; the other
// ranks train. Messages (all on MPI_COMM_WORLD):
//   worker -> 0  request:    int, how many runs it can take (its --jobs)
//   0 -> worker  assign:     uint64 indices into the sweep's runs; none means "no more"
//   worker -> 0  result:     uint64 index, uint64 text size, the --verbose text, the run as
//                            run_to_bytes() made it
//   0 -> worker  stop:       empty: a SIGINT or SIGTERM reached rank 0; stop the runs in
//                            progress at their next iteration (each saves a checkpoint)
//   worker -> 0  unfinished: uint64 indices of runs handed out that a stop left untrained
//                            or interrupted (their checkpoints saved): they are owed no more
// A worker asks for its next assignment as soon as it has one, so rank 0 answers while the
// worker trains instead of after it has stored the results (one fsync each). "No more" is
// held back until every run handed to that worker is back or reported unfinished: until
// then the worker may still be training, and a stop must still reach it (it reads no
// message after "no more"). Rank 0 polls rather than blocks, so that a signal reaches the
// workers within milliseconds; a worker polls for the stop while its runs train.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <mpi.h>

#include "mpi_session.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/thread_trainer.hpp"
#include "nnlab/storage/run_image.hpp"

namespace nnlab::runner {

namespace {

enum Tag : int {
  request_tag = 1,
  assign_tag = 2,
  result_tag = 3,
  stop_tag = 4,
  unfinished_tag = 5
};

// How long a rank waits for a message or a run before it looks at the stop flag again.
constexpr std::chrono::milliseconds poll_interval{5};

bool stop_set(const std::atomic<bool>* stop) {
  return stop && stop->load(std::memory_order_relaxed);
}

std::vector<std::uint64_t> receive_indices(int source, int tag) {
  MPI_Status status;
  MPI_Probe(source, tag, MPI_COMM_WORLD, &status);
  int count = 0;
  MPI_Get_count(&status, MPI_UINT64_T, &count);
  std::vector<std::uint64_t> indices(static_cast<std::size_t>(count));
  MPI_Recv(indices.data(), count, MPI_UINT64_T, source, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return indices;
}

void append(std::vector<char>& bytes, std::uint64_t value) {
  const auto* raw = reinterpret_cast<const char*>(&value);
  bytes.insert(bytes.end(), raw, raw + sizeof value);
}

std::uint64_t read_u64(const std::vector<char>& bytes, std::size_t at) {
  std::uint64_t value = 0;
  if (at + sizeof value > bytes.size()) throw StorageError("a result message is truncated");
  std::memcpy(&value, bytes.data() + at, sizeof value);
  return value;
}

class MpiCoordinator final : public RunTrainer {
public:
  MpiCoordinator(MpiSession& session, TrainRequest request)
      : request_(std::move(request)), active_(session.size() - 1),
        told_(static_cast<std::size_t>(session.size()), false),
        done_(static_cast<std::size_t>(session.size()), false),
        owed_by_(static_cast<std::size_t>(session.size()), 0),
        waiting_(static_cast<std::size_t>(session.size()), false) {
    for (const RunSpec* run : request_.runs)
      pending_.push_back(static_cast<std::uint64_t>(run - request_.all->data()));
  }

  bool next(FinishedRun& finished) override {
    while (active_ > 0 || owed_ > 0) {
      MPI_Status status;
      int arrived = 0;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
      if (!arrived) {
        if (stop_set(request_.stop)) forward_stop();
        std::this_thread::sleep_for(poll_interval);
        continue;
      }
      if (status.MPI_TAG == request_tag) {
        hand_out(status.MPI_SOURCE);
        continue;
      }
      if (status.MPI_TAG == unfinished_tag) {
        const auto unfinished = receive_indices(status.MPI_SOURCE, unfinished_tag);
        owed_ -= std::min(owed_, unfinished.size());
        interrupted_ = interrupted_ || !unfinished.empty();
        settled(status.MPI_SOURCE, unfinished.size());
        continue;
      }
      int size = 0;
      MPI_Get_count(&status, MPI_CHAR, &size);
      std::vector<char> message(static_cast<std::size_t>(size));
      MPI_Recv(message.data(), size, MPI_CHAR, status.MPI_SOURCE, result_tag, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
      finished = decode(message, status.MPI_SOURCE);
      --owed_;
      settled(status.MPI_SOURCE, 1);
      return true;
    }
    return false;
  }

  bool stopped_early() const override { return next_ < pending_.size() || interrupted_; }

private:
  // Tells every worker still at work to stop its runs (once each): a worker may not have
  // had the signal itself (a kill of rank 0 alone, a launcher that signals one process).
  void forward_stop() {
    for (std::size_t worker = 1; worker < told_.size(); ++worker) {
      if (told_[worker] || done_[worker]) continue;
      MPI_Send(nullptr, 0, MPI_CHAR, static_cast<int>(worker), stop_tag, MPI_COMM_WORLD);
      told_[worker] = true;
    }
  }

  void hand_out(int worker) {
    int capacity = 0;
    MPI_Recv(&capacity, 1, MPI_INT, worker, request_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::vector<std::uint64_t> runs;
    const bool stop = request_.stop && *request_.stop;
    while (!stop && runs.size() < static_cast<std::size_t>(capacity) && next_ < pending_.size())
      runs.push_back(pending_[next_++]);
    const auto w = static_cast<std::size_t>(worker);
    if (runs.empty() && owed_by_[w] > 0) {
      waiting_[w] = true; // "no more" once its runs are back (settled())
      return;
    }
    send_assignment(worker, runs);
  }

  // Sends `runs` to `worker`; none is "no more", after which it reads nothing: the stop,
  // if there is one, goes first.
  void send_assignment(int worker, const std::vector<std::uint64_t>& runs) {
    const auto w = static_cast<std::size_t>(worker);
    if (runs.empty() && request_.stop && *request_.stop) forward_stop();
    MPI_Send(runs.data(), static_cast<int>(runs.size()), MPI_UINT64_T, worker, assign_tag,
             MPI_COMM_WORLD);
    owed_ += runs.size();
    owed_by_[w] += runs.size();
    if (runs.empty()) {
      --active_;
      done_[w] = true;
    }
  }

  // `n` runs of `worker` are back or reported unfinished; a request held back is answered
  // once none is left.
  void settled(int worker, std::size_t n) {
    const auto w = static_cast<std::size_t>(worker);
    owed_by_[w] -= std::min(owed_by_[w], n);
    if (owed_by_[w] > 0 || !waiting_[w]) return;
    waiting_[w] = false;
    send_assignment(worker, {});
  }

  FinishedRun decode(const std::vector<char>& message, int worker) const {
    const std::string from = "run from rank " + std::to_string(worker);
    const std::uint64_t index = read_u64(message, 0);
    const std::uint64_t text = read_u64(message, 8);
    if (index >= request_.all->size() || 16 + text > message.size())
      throw StorageError(from + ": malformed result message");
    FinishedRun finished;
    finished.verbose_text.assign(message.data() + 16, text);
    finished.record = run_from_bytes(
        std::string_view(message.data() + 16 + text, message.size() - 16 - text), from);
    const std::string& expected = (*request_.all)[index].id;
    if (finished.record.id != expected)
      throw ConfigError(from + ": trained run " + finished.record.id + " for run " + expected +
                        "; every rank must see the same experiment, plugins and data");
    return finished;
  }

  TrainRequest request_;
  std::vector<std::uint64_t> pending_; ///< indices into *request_.all
  std::size_t next_ = 0;
  std::size_t owed_ = 0;             ///< runs handed out whose results have not come back
  int active_;                       ///< workers not yet told "no more"
  std::vector<bool> told_;           ///< by rank: sent the stop
  std::vector<bool> done_;           ///< by rank: sent "no more"
  std::vector<std::size_t> owed_by_; ///< by rank: its runs not yet back or reported unfinished
  std::vector<bool> waiting_;        ///< by rank: asked for runs, answered once owed_by_ is 0
  bool interrupted_ = false;         ///< a worker reported runs a stop left unfinished
};

} // namespace

RunTrainerFactory mpi_coordinator(MpiSession& session) {
  return {[&session](TrainRequest request) -> std::unique_ptr<RunTrainer> {
            if (!session.all_ready(true))
              throw ConfigError("another rank could not set the sweep up (its error is above)");
            return std::make_unique<MpiCoordinator>(session, std::move(request));
          },
          [&session](const TrainRequest& request) {
            return std::to_string(session.size() - 1) + " worker rank(s) x " +
                   std::to_string(request.jobs) + " thread(s)";
          }};
}

namespace {

void ask_for_runs(int capacity) {
  MPI_Send(&capacity, 1, MPI_INT, 0, request_tag, MPI_COMM_WORLD);
}

// A worker's stop: its own signal, or rank 0's stop message (taken in when it comes).
class WorkerStop {
public:
  explicit WorkerStop(const std::atomic<bool>* signal) : signal_(signal) {}
  const std::atomic<bool>* flag() const { return &stop_; }
  /// Takes in rank 0's stop message if one is waiting, and the signal if one came.
  void poll() {
    int arrived = 0;
    MPI_Iprobe(0, stop_tag, MPI_COMM_WORLD, &arrived, MPI_STATUS_IGNORE);
    if (arrived) receive();
    if (stop_set(signal_)) stop_ = true;
  }
  void receive() {
    MPI_Recv(nullptr, 0, MPI_CHAR, 0, stop_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    stop_ = true;
  }

private:
  const std::atomic<bool>* signal_;
  std::atomic<bool> stop_{false};
};

// The next assignment; a stop message before it is taken in on the way (rank 0 sends
// every message to a worker in order, so the stop never comes after "no more").
std::vector<std::uint64_t> receive_runs(WorkerStop& stop) {
  while (true) {
    MPI_Status status;
    MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG != stop_tag) return receive_indices(0, assign_tag);
    stop.receive();
  }
}

void send_result(const FinishedRun& finished, std::uint64_t index) {
  std::vector<char> message;
  append(message, index);
  append(message, finished.verbose_text.size());
  message.insert(message.end(), finished.verbose_text.begin(), finished.verbose_text.end());
  const std::vector<char> run = run_to_bytes(finished.record);
  message.insert(message.end(), run.begin(), run.end());
  MPI_Send(message.data(), static_cast<int>(message.size()), MPI_CHAR, 0, result_tag,
           MPI_COMM_WORLD);
}

} // namespace

void mpi_worker(MpiSession&, TrainRequest request) {
  const std::vector<RunSpec>& all = *request.all;
  const int capacity = static_cast<int>(request.jobs);
  WorkerStop stop(request.stop);
  ask_for_runs(capacity);
  for (std::vector<std::uint64_t> indices = receive_runs(stop); !indices.empty();
       indices = receive_runs(stop)) {
    ask_for_runs(capacity); // the next assignment, answered while these train

    TrainRequest batch = request;
    batch.runs.clear();
    std::map<std::string, std::uint64_t> unfinished; // run id -> index into `all`
    for (const std::uint64_t i : indices) {
      batch.runs.push_back(&all.at(i));
      unfinished[all[i].id] = i;
    }
    // Runs handed out are trained unless a stop comes, the signal's or rank 0's.
    batch.stop = stop.flag();
    const std::unique_ptr<RunTrainer> trainer = train_on_threads(std::move(batch));
    FinishedRun finished;
    while (true) {
      stop.poll();
      const std::optional<bool> next = trainer->next_within(finished, poll_interval);
      if (!next) continue;
      if (!*next) break;
      const auto it = unfinished.find(finished.record.id);
      send_result(finished, it->second);
      unfinished.erase(it);
    }
    if (!unfinished.empty()) {
      std::vector<std::uint64_t> left;
      for (const auto& [id, index] : unfinished)
        left.push_back(index);
      MPI_Send(left.data(), static_cast<int>(left.size()), MPI_UINT64_T, 0, unfinished_tag,
               MPI_COMM_WORLD);
    }
  }
}

void broadcast_points(MpiSession& session, std::vector<std::vector<double>>& points,
                      std::size_t dimensions) {
  if (!session.distributed()) return;
  std::uint64_t count = points.size();
  MPI_Bcast(&count, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  std::vector<double> flat;
  if (session.rank() == 0)
    for (const auto& point : points)
      flat.insert(flat.end(), point.begin(), point.end());
  flat.resize(count * dimensions);
  MPI_Bcast(flat.data(), static_cast<int>(flat.size()), MPI_DOUBLE, 0, MPI_COMM_WORLD);
  if (session.rank() == 0) return;
  points.assign(count, std::vector<double>(dimensions));
  for (std::size_t p = 0; p < count; ++p)
    std::copy_n(flat.begin() + static_cast<std::ptrdiff_t>(p * dimensions), dimensions,
                points[p].begin());
}

} // namespace nnlab::runner
