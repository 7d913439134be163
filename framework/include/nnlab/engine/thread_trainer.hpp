#pragma once

#include <memory>

#include "nnlab/engine/run_trainer.hpp"
#include "nnlab/export.hpp"

namespace nnlab {

/// Trains the runs on request.jobs threads (one BLAS thread each): a thread prepares a run
/// when it takes it (request.preparer), trains it with execute_run() and drops it; an
/// exception other than a run's own failure stops the others and is rethrown by next().
NNLAB_EXPORT std::unique_ptr<RunTrainer> train_on_threads(TrainRequest request);

} // namespace nnlab
