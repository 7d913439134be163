#include "nnlab/engine/run_verification.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "nnlab/core/error.hpp"
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
  if (stored.init_fingerprint != again.init_fingerprint)
    return "init_fingerprint " + stored.init_fingerprint + " stored, " + again.init_fingerprint +
           " now";
  if (stored.restored_iteration != again.restored_iteration) return "restored_iteration";
  if (stored.weights.size() != again.weights.size()) return "a different set of weights";
  for (std::size_t w = 0; w < stored.weights.size(); ++w)
    if (stored.weights[w].first != again.weights[w].first ||
        !same_bits(stored.weights[w].second, again.weights[w].second))
      return "weights " + stored.weights[w].first;
  // A store written before the names were stored has none: nothing to compare.
  if (!stored.class_names.empty() && stored.class_names != again.class_names) return "class_names";
  if (!stored.feature_names.empty() && stored.feature_names != again.feature_names)
    return "feature_names";
  // Nor a scaler; a run without standardisation stores none either.
  if (!stored.scaler.empty() && (!same_bits(stored.scaler.mean, again.scaler.mean) ||
                                 !same_bits(stored.scaler.scale, again.scaler.scale)))
    return "scaler";
  return {};
}

std::string reexecution_difference(const PreparedRun& run, const RunRecord& stored) {
  if (stored.status != RunStatus::pruned) return result_difference(stored, execute_run(run));
  // A run successive halving pruned is re-executed to its rung (a pause needs a folder for
  // its checkpoint: a fresh one, removed again).
  std::string pattern = (std::filesystem::temp_directory_path() / "nnlab-rung-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw StorageError(
        pattern + ": cannot make a folder to re-execute a pruned run in: " + std::strerror(errno));
  const std::filesystem::path dir = pattern;
  RunOptions options;
  options.checkpoint_dir = dir;
  options.pause_at = stored.iterations_done;
  std::string difference;
  try {
    difference = result_difference(stored, execute_run(run, options));
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return difference;
}

} // namespace nnlab
