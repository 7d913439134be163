#include "support/store_compare.hpp"

#include <cstdlib>
#include <cstring>

#include "nnlab/storage/run_store.hpp"

namespace nnlab::test {

namespace {

bool same_bits(const arma::mat& a, const arma::mat& b) {
  return a.n_rows == b.n_rows && a.n_cols == b.n_cols &&
         std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0;
}

std::string run_difference(const RunRecord& a, const RunRecord& b) {
  if (a.config_yaml != b.config_yaml) return "config";
  if (a.seed != b.seed || a.status != b.status || a.message != b.message ||
      a.iterations_done != b.iterations_done || a.label != b.label || a.index != b.index)
    return "attributes";
  if (!same_bits(a.series.cost_train, b.series.cost_train)) return "cost_train";
  if (!same_bits(a.series.cost_test, b.series.cost_test)) return "cost_test";
  if (!same_bits(a.series.accuracy_train, b.series.accuracy_train)) return "accuracy_train";
  if (!same_bits(a.series.accuracy_test, b.series.accuracy_test)) return "accuracy_test";
  if (a.weights.size() != b.weights.size()) return "weight count";
  for (std::size_t i = 0; i < a.weights.size(); ++i)
    if (a.weights[i].first != b.weights[i].first ||
        !same_bits(a.weights[i].second, b.weights[i].second))
      return "weights " + a.weights[i].first;
  return {};
}

} // namespace

std::string store_difference(const std::filesystem::path& a, const std::filesystem::path& b) {
  const RunStore first = RunStore::open_read_only(a);
  const RunStore second = RunStore::open_read_only(b);
  if (first.run_ids() != second.run_ids())
    return std::to_string(first.run_ids().size()) + " runs vs " +
           std::to_string(second.run_ids().size());
  for (const auto& id : first.run_ids())
    if (const auto what = run_difference(first.read_run(id), second.read_run(id)); !what.empty())
      return "run " + id + ": " + what;
  return {};
}

bool h5diff_equal(const std::filesystem::path& a, const std::filesystem::path& b) {
  // Attributes of the root (provenance, command line) and of each run (start and end
  // time, wall time) differ between runs of the same experiment by design; every
  // dataset under /runs is compared.
  std::string command = "h5diff -q --exclude-attribute / ";
  for (const auto& id : RunStore::open_read_only(a).run_ids())
    command += "--exclude-attribute /runs/" + id + " ";
  command += "'" + a.string() + "' '" + b.string() + "' /runs /runs";
  return std::system(command.c_str()) == 0;
}

} // namespace nnlab::test
