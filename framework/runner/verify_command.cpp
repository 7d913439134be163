#include <cstdio>
#include <cstring>
#include <iostream>

#include "commands.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/blas_threads.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/storage/run_store.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab::runner {

namespace {

bool same_bits(const arma::mat& a, const arma::mat& b) {
  return a.n_rows == b.n_rows && a.n_cols == b.n_cols &&
         std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0;
}

// The first difference between a stored run and its re-execution, or empty.
std::string difference(const RunRecord& stored, const RunRecord& again) {
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
  // Nor a scaler; a run without standardisation stores none either.
  if (!stored.scaler.empty() && (!same_bits(stored.scaler.mean, again.scaler.mean) ||
                                 !same_bits(stored.scaler.scale, again.scaler.scale)))
    return "scaler";
  return {};
}

} // namespace

int verify_store(const CliOptions& cli) {
  const RunStore store = RunStore::open_read_only(cli.file);
  const StoreHeader header = store.header();
  const std::string dir = header.attribute("experiment_dir");
  const std::string seed = header.attribute("experiment_seed");
  if (dir.empty() || seed.empty())
    throw StorageError(cli.file.string() +
                       ": no experiment_dir or experiment_seed attribute "
                       "(written by an older nnlab); cannot re-execute its runs");
  std::vector<std::string> ids = store.run_ids();
  if (cli.runs > 0 && cli.runs < ids.size()) ids.resize(cli.runs);

  Registry registry(Registry::search_path(cli.plugin_path));
  DatasetCache datasets(registry);
  set_blas_threads(1);
  std::size_t differ = 0;
  for (const auto& id : ids) {
    const RunRecord stored = store.read_run(id);
    const ConfigNode config =
        parse_yaml(stored.config_yaml, cli.file.string() + ":/runs/" + id + "/config");
    const std::vector<RunSpec> spec{make_run_spec(config, std::stoull(seed), dir)};
    std::string problem;
    if (spec[0].id != id) {
      problem = "its config now hashes to run id " + spec[0].id;
    } else {
      const auto prepared = prepare_runs(spec, registry, datasets);
      problem = difference(stored, execute_run(prepared[0]));
    }
    differ += !problem.empty();
    std::cout << id << "  "
              << (problem.empty() ? "reproduced bit for bit (" +
                                        std::to_string(stored.iterations_done) + " iterations)"
                                  : "DIFFERS: " + problem)
              << '\n';
  }
  std::cout << "\nverified " << ids.size() << " of " << store.run_ids().size()
            << " run(s): " << ids.size() - differ << " reproduced, " << differ << " differ\n";
  return differ > 0 ? 1 : 0;
}

} // namespace nnlab::runner
