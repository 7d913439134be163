#pragma once

#include <string>
#include <vector>

#include "nnlab/engine/run_trainer.hpp"

namespace nnlab::runner {

/// The MPI world this runner belongs to. MPI is started only when an MPI launcher
/// (mpirun, srun) started the process; alone, or built without NNLAB_WITH_MPI, the runner
/// is rank 0 of 1 and never touches MPI.
class MpiSession {
public:
  MpiSession(int& argc, char**& argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  /// More than one rank: rank 0 coordinates, the others train.
  bool distributed() const { return size_ > 1; }

  /// Every rank says whether it set the sweep up; true when all did. Called once per rank,
  /// before any run is handed out, so a bad experiment stops every rank cleanly.
  bool all_ready(bool ready);
  /// Whether rank 0 said it was ready (after all_ready): a worker that failed alone
  /// reports its error; one that failed like rank 0 leaves the report to rank 0.
  bool coordinator_ready() const { return coordinator_ready_; }
  /// Whether every rank was ready: from then on ranks wait on each other, and an error
  /// must abort them all.
  bool sweep_started() const { return sweep_started_; }
  /// Whether all_ready was called (each rank calls it once).
  bool asked() const { return asked_; }
  /// Ends every rank at once with `status` (after an error past all_ready, when ranks wait
  /// on each other).
  [[noreturn]] void abort(int status);

private:
  int rank_ = 0;
  int size_ = 1;
  // Read by mpi_session.cpp only: the single-process build never initialises MPI.
  [[maybe_unused]] bool initialised_ = false;
  bool coordinator_ready_ = true;
  bool sweep_started_ = false;
  bool asked_ = false;
};

/// Rank 0's trainer: hands the runs out to the other ranks on request, a few at a time,
/// and returns what they send back; it trains nothing itself.
RunTrainerFactory mpi_coordinator(MpiSession& session);

/// A rank > 0: asks rank 0 for runs of `request.all`, trains them on request.jobs threads
/// and sends each back, until rank 0 has no more.
void mpi_worker(MpiSession& session, TrainRequest request);

/// Rank 0 sends `points` (each of `dimensions` numbers) to every other rank, which
/// receives them into `points`: a tpe round's proposals (none: the sweep is over).
void broadcast_points(MpiSession& session, std::vector<std::vector<double>>& points,
                      std::size_t dimensions);

} // namespace nnlab::runner
