#pragma once

#include <string>

#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// The first difference between a stored run and the same run executed again, as one
/// phrase ("cost_train at iteration 42: 0.1 stored, 0.2 now", "weights W2", "status done
/// stored, failed now"); empty when status, every series, every weight and the names agree
/// bit for bit. Timing and provenance are not results and are not compared.
NNLAB_EXPORT std::string result_difference(const RunRecord& stored, const RunRecord& again);

/// Executes the prepared run again from its start (no checkpoint) and compares it with the
/// stored one: result_difference. What `runner verify` and a rerun's check of a rebuilt
/// library both do.
NNLAB_EXPORT std::string reexecution_difference(const PreparedRun& run, const RunRecord& stored);

} // namespace nnlab
