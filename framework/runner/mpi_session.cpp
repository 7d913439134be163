#include "mpi_session.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include <mpi.h>

namespace nnlab::runner {

namespace {

/// Set by mpirun (Open MPI) or by srun / PMIx launchers.
bool launched_by_mpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
    if (std::getenv(variable)) return true;
  return false;
}

} // namespace

MpiSession::MpiSession(int& argc, char**& argv) {
  if (!launched_by_mpi()) return;
  int provided = 0;
  // Only the main thread calls MPI; the threads that train never do.
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  initialised_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  if (initialised_) MPI_Finalize();
}

bool MpiSession::all_ready(bool ready) {
  asked_ = true;
  if (!distributed()) return ready;
  const int mine = ready ? 1 : 0;
  std::vector<int> each(static_cast<std::size_t>(size_));
  MPI_Allgather(&mine, 1, MPI_INT, each.data(), 1, MPI_INT, MPI_COMM_WORLD);
  coordinator_ready_ = each[0] != 0;
  sweep_started_ = std::all_of(each.begin(), each.end(), [](int r) { return r != 0; });
  return sweep_started_;
}

void MpiSession::abort(int status) {
  if (initialised_) MPI_Abort(MPI_COMM_WORLD, status);
  std::exit(status);
}

} // namespace nnlab::runner
