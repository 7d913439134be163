#pragma once

#include <ostream>

#include "nnlab/engine/prepared_run.hpp"
#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// Trains one prepared run from its own seeded Rng and returns everything to store.
/// A run whose cost turns NaN/inf is `diverged`; one whose plugin throws is `failed`
/// with the message; neither throws. With `verbose`, the course's lines go there.
NNLAB_EXPORT RunRecord execute_run(const PreparedRun& run, std::ostream* verbose = nullptr);

} // namespace nnlab
