#include "nnlab/report/run_pairing.hpp"

#include <algorithm>
#include <map>

#include "nnlab/report/pairing.hpp"

namespace nnlab {

namespace {

/// seed -> index, or the first seed that appears twice.
std::map<std::uint64_t, std::size_t> by_seed(const std::vector<const StoredRun*>& runs,
                                             const std::vector<std::uint64_t>& failed,
                                             std::string& repeated) {
  std::map<std::uint64_t, std::size_t> seeds;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::uint64_t seed = runs[i]->record.seed;
    if (std::find(failed.begin(), failed.end(), seed) != failed.end()) continue;
    if (!seeds.emplace(seed, i).second && repeated.empty()) repeated = std::to_string(seed);
  }
  return seeds;
}

std::string seed_list(const std::map<std::uint64_t, std::size_t>& seeds) {
  std::string text;
  std::size_t shown = 0;
  for (const auto& [seed, index] : seeds) {
    if (++shown > 5) return text + " ...";
    text += (text.empty() ? "" : " ") + std::to_string(seed);
  }
  return text;
}

} // namespace

RunPairing pair_runs(const std::vector<const StoredRun*>& group,
                     const std::vector<const StoredRun*>& baseline,
                     const std::vector<std::uint64_t>& failed_seeds) {
  RunPairing pairing;
  std::string repeated;
  const auto mine = by_seed(group, failed_seeds, repeated);
  if (!repeated.empty()) {
    pairing.why_not = "seed " + repeated + " appears twice in the group";
    return pairing;
  }
  const auto theirs = by_seed(baseline, failed_seeds, repeated);
  if (!repeated.empty()) {
    pairing.why_not = "seed " + repeated + " appears twice in the baseline";
    return pairing;
  }
  if (mine.empty() || theirs.empty()) {
    pairing.why_not = "no runs to pair";
    return pairing;
  }
  const bool same_seeds =
      mine.size() == theirs.size() &&
      std::equal(mine.begin(), mine.end(), theirs.begin(),
                 [](const auto& a, const auto& b) { return a.first == b.first; });
  if (!same_seeds) {
    pairing.why_not = "seeds differ: " + seed_list(mine) + " against " + seed_list(theirs);
    return pairing;
  }
  for (const auto& [seed, i] : mine) {
    const std::size_t j = theirs.at(seed);
    const StoredRun& a = *group[i];
    const StoredRun& b = *baseline[j];
    const Pairing start = run_pairing(a.record, a.format_version, b.record, b.format_version);
    if (!start.paired) {
      pairing.pairs.clear();
      pairing.why_not = "seed " + std::to_string(seed) + ": " + start.reason;
      return pairing;
    }
    pairing.pairs.emplace_back(i, j);
  }
  pairing.paired = true;
  return pairing;
}

} // namespace nnlab
