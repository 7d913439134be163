#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/stored_runs.hpp"

namespace nnlab {

/// How the runs of a group line up with the runs of a baseline group.
struct RunPairing {
  bool paired = false;
  /// Paired: (group run, baseline run), as indices into the lists given, by ascending seed.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  /// Not paired: why, in a few words ("seeds differ: 4 5 6 against 1 2 3").
  std::string why_not;
};

/// Pairs `group` with `baseline` by seed: paired when each seed appears once on each side,
/// both sides have the same seeds, and every pair started from the same initial weights
/// (run_pairing() of pairing.hpp: stores of format 2 or later, equal init_fingerprints).
/// `failed_seeds` are seeds whose run failed on one side or the other: they leave the comparison on
/// both sides instead of unpairing it.
NNLAB_EXPORT RunPairing pair_runs(const std::vector<const StoredRun*>& group,
                                  const std::vector<const StoredRun*>& baseline,
                                  const std::vector<std::uint64_t>& failed_seeds = {});

} // namespace nnlab
