// Built without NNLAB_WITH_MPI: the runner is always rank 0 of 1.
#include <cstdlib>

#include "mpi_session.hpp"
#include "nnlab/core/error.hpp"

namespace nnlab::runner {

MpiSession::MpiSession(int&, char**&) {}

MpiSession::~MpiSession() = default;

bool MpiSession::all_ready(bool ready) {
  asked_ = true;
  return ready;
}

void MpiSession::abort(int status) {
  std::exit(status);
}

RunTrainerFactory mpi_coordinator(MpiSession&) {
  throw ConfigError("this runner was built without MPI (NNLAB_WITH_MPI=OFF)");
}

void mpi_worker(MpiSession&, TrainRequest) {
  throw ConfigError("this runner was built without MPI (NNLAB_WITH_MPI=OFF)");
}

void broadcast_points(MpiSession&, std::vector<std::vector<double>>&, std::size_t) {}

} // namespace nnlab::runner
