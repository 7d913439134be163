#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "nnlab/config/experiment.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/blas_threads.hpp"
#include "nnlab/engine/sweep_runner.hpp"

namespace nnlab::runner {

int run_experiment(const CliOptions& cli) {
  const Experiment experiment = load_experiment(cli.file);
  const std::vector<RunSpec> specs = expand_sweep(experiment);
  Registry registry(Registry::search_path(cli.plugin_path));
  // One BLAS thread inside a run: nnlab's parallelism is across runs.
  set_blas_threads(1);

  SweepOptions options;
  if (!cli.out.empty()) options.results_dir = cli.out;
  options.force = cli.force;
  options.plots = cli.plots;
  options.verbose = cli.verbose;
  options.quiet = cli.quiet;

  const SweepResult result = run_sweep(experiment, specs, registry, options, std::cout);

  char timing[64];
  std::snprintf(timing, sizeof timing, "%.1f s", result.wall_time_s);
  std::cout << "\nresults: " << result.store_file.string() << "  (" << result.runs
            << " runs: " << result.trained << " trained, " << result.skipped << " kept; "
            << result.diverged << " diverged, " << result.failed << " failed; " << timing << ")\n"
            << "summary: " << result.summary_file.string() << '\n';
  if (cli.plots)
    std::cout << "plots:   " << result.plot_dir.string() << "/  (" << result.plots.size()
              << " PNG; sweep-cost_test.png compares every run)\n";
  return result.failed > 0 ? 1 : 0;
}

} // namespace nnlab::runner
