#include <iostream>

#include "commands.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/report/run_diff.hpp"
#include "nnlab/report/run_reference.hpp"

namespace nnlab::runner {

namespace {

RunDiffSide read_side(const std::string& argument) {
  const RunReference reference = parse_run_reference(argument);
  try {
    const RunStore store = RunStore::open_read_only(reference.store);
    const std::string id = resolve_run(store, reference.run);
    return {reference.store.string() + ":" + id, store.read_run(id), store.header(),
            store.format_version()};
  } catch (const StorageError& e) {
    // Like diff(1), status 1 means "they differ": a store that cannot be read is trouble
    // with the input (2), not a result.
    throw ConfigError(e.what());
  }
}

} // namespace

int diff_run_pair(const CliOptions& cli) {
  const RunDiffSide a = read_side(cli.run_references.at(0));
  const RunDiffSide b = read_side(cli.run_references.at(1));
  const RunDiff diff = diff_runs(a, b);
  std::cout << format_run_diff(a, b, diff);
  return diff.results_differ ? 1 : 0;
}

} // namespace nnlab::runner
