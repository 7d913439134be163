#pragma once

#include <string>

#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// What a store says of a run without reading its series or weights: enough to tell
/// whether the run is complete and current (runner status, a rerun's stale check), and
/// fast on a store of many runs.
struct RunHeader {
  std::string id;
  RunStatus status = RunStatus::done;
  std::string message;
  HashList inputs;    ///< RunRecord::inputs (empty in older stores)
  HashList libraries; ///< RunRecord::libraries (empty in older stores)
};

} // namespace nnlab
