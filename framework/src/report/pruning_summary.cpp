#include "nnlab/report/pruning_summary.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace nnlab {

std::string pruning_line(const std::vector<RunSummary>& runs) {
  std::set<arma::uword> rungs;
  std::size_t pruned = 0;
  arma::uword longest = 0;
  double trained = 0.0;
  for (const RunSummary& run : runs) {
    longest = std::max(longest, run.iterations);
    trained += static_cast<double>(run.iterations);
    if (run.status != RunStatus::pruned) continue;
    ++pruned;
    rungs.insert(run.iterations);
  }
  if (pruned == 0) return {};
  rungs.insert(longest);
  std::string text = "halving:";
  bool first = true;
  for (const arma::uword rung : rungs) {
    const auto at = std::count_if(runs.begin(), runs.end(),
                                  [&](const RunSummary& r) { return r.iterations >= rung; });
    text += (first ? " " : ", ") + std::to_string(at) + (first ? " runs at rung " : " at ") +
            std::to_string(rung);
    first = false;
  }
  const double grid = static_cast<double>(longest) * static_cast<double>(runs.size());
  text += "; " + std::to_string(pruned) + " pruned; " +
          std::to_string(static_cast<unsigned long long>(trained)) + " iterations trained, " +
          std::to_string(static_cast<int>(std::lround(100.0 * trained / grid))) + " % of the " +
          std::to_string(static_cast<unsigned long long>(grid)) + " of the full grid";
  return text;
}

} // namespace nnlab
