#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "nnlab/core/location.hpp"
#include "nnlab/core/memory_size.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/export.hpp"

namespace nnlab {

/// One thing a run keeps in memory, and the key that sizes it.
struct MemoryPart {
  std::string what; ///< "the nodes of a panel of 64 samples x 100000000 units"
  std::string key;  ///< model.layers, training.iterations, optimizer.plugin, dataset, ...
  SourceLocation at;
  std::uint64_t bytes = 0;
};

/// What a run is estimated to take at its peak, known before it runs: while it trains
/// (its data, the weights and their gradient, the optimizer's state, the nodes of one
/// panel, the outputs and targets, the recorded series over every iteration, and the
/// copies a checkpoint and the store make of them) and while its decision surface is drawn
/// (a lattice of decision_lattice^2 points through the network, for 2-D data). Counted
/// from the sizes alone, without allocating anything; counts too large to hold saturate.
struct NNLAB_EXPORT MemoryEstimate {
  std::vector<MemoryPart> training, plotting;
  /// The larger of the two phases.
  std::uint64_t total() const;
  /// The part that takes the most in the larger phase.
  const MemoryPart& largest() const;
};

/// Points per side of the decision surface's lattice (draw_store_plots draws it so).
inline constexpr std::uint64_t decision_lattice = 150;

/// The estimate of a prepared run. The optimizer's state is asked of the optimizer itself:
/// its state() after reset() for two small sizes gives the values it keeps per parameter
/// (it is reset again before training). A plugin whose reset() or state() throws counts as
/// keeping 4 values per parameter.
NNLAB_EXPORT MemoryEstimate estimate_run_memory(const PreparedRun& run);

/// Throws ConfigError at the key of the largest part when the run does not fit:
/// "<file:line:col>: model.layers: needs ~205 GB for the nodes of a panel of 64 samples x
/// 100000000 units; run 1 (<id>) needs ~215 GB in all (limit 20 GB: <budget's source>)".
NNLAB_EXPORT void check_run_memory(const RunSpec& spec, const MemoryEstimate& estimate,
                                   const MemoryBudget& budget);

} // namespace nnlab
