#include "nnlab/report/pairing.hpp"

#include <map>

namespace nnlab {

namespace {

std::string not_paired(const std::string& why) {
  return "not paired (" + why + ")";
}

// The seed -> index of a group's runs; false when a seed occurs twice.
bool index_by_seed(const std::vector<const RunRecord*>& runs,
                   std::map<std::uint64_t, std::size_t>& index, std::string& reason) {
  for (std::size_t i = 0; i < runs.size(); ++i)
    if (!index.emplace(runs[i]->seed, i).second) {
      reason = not_paired("seed " + std::to_string(runs[i]->seed) + " twice in a group");
      return false;
    }
  return true;
}

} // namespace

Pairing run_pairing(const RunRecord& a, std::int64_t format_a, const RunRecord& b,
                    std::int64_t format_b) {
  // Format 1 runs drew their weights from their whole config: never paired, even when their
  // weights happen to match.
  for (const std::int64_t format : {format_a, format_b})
    if (format < 2) return {false, not_paired("format " + std::to_string(format))};
  if (a.seed != b.seed)
    return {false,
            not_paired("seeds " + std::to_string(a.seed) + " and " + std::to_string(b.seed))};
  if (a.init_fingerprint.empty() || b.init_fingerprint.empty())
    return {false, not_paired("no init_fingerprint stored")};
  if (a.init_fingerprint != b.init_fingerprint)
    return {false, not_paired("initial weights differ: " + a.init_fingerprint + " and " +
                              b.init_fingerprint)};
  return {true, "paired (seed " + std::to_string(a.seed) + ", init " + a.init_fingerprint + ")"};
}

GroupPairing group_pairing(const std::vector<const RunRecord*>& a, std::int64_t format_a,
                           const std::vector<const RunRecord*>& b, std::int64_t format_b) {
  GroupPairing result;
  std::map<std::uint64_t, std::size_t> in_a, in_b;
  if (!index_by_seed(a, in_a, result.reason) || !index_by_seed(b, in_b, result.reason))
    return result;
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto other = in_b.find(a[i]->seed);
    if (other == in_b.end()) continue;
    const Pairing pair = run_pairing(*a[i], format_a, *b[other->second], format_b);
    if (!pair.paired) {
      result.reason = pair.reason;
      return result;
    }
    pairs.emplace_back(i, other->second);
  }
  if (pairs.empty()) {
    result.reason = not_paired("no seed in common");
    return result;
  }
  result.paired = true;
  result.reason =
      "paired (" + std::to_string(pairs.size()) + " seed" + (pairs.size() == 1 ? "" : "s") + ")";
  result.pairs = std::move(pairs);
  return result;
}

} // namespace nnlab
