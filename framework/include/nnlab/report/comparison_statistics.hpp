#pragma once

#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/group_statistics.hpp"
#include "nnlab/report/store_comparison.hpp"

namespace nnlab {

/// runner compare --stats: every group of `comparison` against the baseline, on the final
/// metric and (for a cost) on iterations to the comparison's target (group_statistics()).
/// `options.baseline` names a group by its label ("momentum" in one store, "after:
/// momentum" across stores), or by its group's own label when one group alone has it; the
/// first group by default. `experiments` are the stores compared, their series loaded.
NNLAB_EXPORT GroupStatistics comparison_statistics(const StoreComparison& comparison,
                                                   const std::vector<StoredExperiment>& experiments,
                                                   StatisticsOptions options);

} // namespace nnlab
