#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

/// Whether stored runs are paired: trained with the same seed from the same initial weights
/// (the same init_fingerprint), so that the difference of their results is the difference
/// of what else they vary (an optimizer, a learning rate), not the luck of the draw. Runs
/// of one experiment that differ only in what the random streams do not depend on
/// (config/run_streams.hpp) are paired per seed. Runs of a store of format 1 (nnlab
/// before the paired streams) never are: their weights came from the whole config.
struct Pairing {
  bool paired = false;
  /// "paired (seed 3, init 5f1c0a2b9e3d4c71)", "not paired (format 1)", "not paired (seeds
  /// 1 and 2)", "not paired (initial weights differ: 5f1c0a2b9e3d4c71 and 0a9e...)".
  std::string reason;
};

/// Runs a and b, of stores of formats format_a and format_b (StoredExperiment's
/// format_version, RunStore::format_version()).
NNLAB_EXPORT Pairing run_pairing(const RunRecord& a, std::int64_t format_a, const RunRecord& b,
                                 std::int64_t format_b);

/// Two groups of runs (e.g. two sweep points) matched seed by seed.
struct GroupPairing {
  /// Every seed the groups share makes a pair, and there is at least one; false when a
  /// shared seed's runs are not paired (its reason), a seed occurs twice in a group, or
  /// the groups share no seed.
  bool paired = false;
  std::string reason; ///< "paired (12 seeds)", or the first reason they are not
  /// Indices (into a, into b) of the runs of each shared seed, in a's order; filled only
  /// when paired.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
};

NNLAB_EXPORT GroupPairing group_pairing(const std::vector<const RunRecord*>& a,
                                        std::int64_t format_a,
                                        const std::vector<const RunRecord*>& b,
                                        std::int64_t format_b);

} // namespace nnlab
