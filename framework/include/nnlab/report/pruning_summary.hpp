#pragma once

#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/sweep_summary.hpp"

namespace nnlab {

/// What successive halving did, from the stored runs alone: "halving: 27 runs at rung 100,
/// 9 at 300, 3 at 900; 24 pruned; 6300 iterations trained, 26 % of the 24300 of the full
/// grid". The rungs are the iterations pruned runs stopped at and the longest run's; a run
/// is at a rung when it trained that far. The full grid is every run trained as long as the
/// longest. Empty when no run is pruned.
NNLAB_EXPORT std::string pruning_line(const std::vector<RunSummary>& runs);

} // namespace nnlab
