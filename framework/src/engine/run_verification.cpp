#include "nnlab/engine/run_verification.hpp"

#include <cstdio>
#include <cstring>

#include "nnlab/engine/run_executor.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

namespace {

bool same_bits(const arma::mat& a, const arma::mat& b) {
  return a.n_rows == b.n_rows && a.n_cols == b.n_cols &&
         std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0;
}

} // namespace

std::string result_difference(const RunRecord& stored, const RunRecord& again) {
  if (stored.status != again.status)
    return "status " + to_string(stored.status) + " stored, " + to_string(again.status) + " now";
  for (const SeriesSpec& series : stored_series()) {
    const char* name = series.name;
    const arma::vec& a = stored.series.*series.recorded;
    const arma::vec& b = again.series.*series.recorded;
    if (a.n_elem != b.n_elem)
      return std::string(name) + ": " + std::to_string(a.n_elem) + " iterations stored, " +
             std::to_string(b.n_elem) + " now";
    for (arma::uword i = 0; i < a.n_elem; ++i)
      if (std::memcmp(&a[i], &b[i], sizeof(double)) != 0) {
        char text[160];
        std::snprintf(text, sizeof text, "%s at iteration %llu: %.17g stored, %.17g now", name,
                      static_cast<unsigned long long>(i + 1), a[i], b[i]);
        return text;
      }
  }
  if (stored.weights.size() != again.weights.size()) return "a different set of weights";
  for (std::size_t w = 0; w < stored.weights.size(); ++w)
    if (stored.weights[w].first != again.weights[w].first ||
        !same_bits(stored.weights[w].second, again.weights[w].second))
      return "weights " + stored.weights[w].first;
  // A store written before the names were stored has none: nothing to compare.
  if (!stored.class_names.empty() && stored.class_names != again.class_names) return "class_names";
  if (!stored.feature_names.empty() && stored.feature_names != again.feature_names)
    return "feature_names";
  return {};
}

std::string reexecution_difference(const PreparedRun& run, const RunRecord& stored) {
  return result_difference(stored, execute_run(run));
}

} // namespace nnlab
