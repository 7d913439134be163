#include <iostream>

#include "commands.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/blas_threads.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/engine/run_verification.hpp"
#include "nnlab/storage/run_store.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab::runner {

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
      problem = reexecution_difference(prepared[0], stored);
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
