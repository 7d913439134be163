#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include <sys/resource.h>
#include <unistd.h>

#include "commands.hpp"
#include "data_loader.hpp"
#include "error_report.hpp"
#include "interrupt.hpp"
#include "memory_budget.hpp"
#include "mpi_session.hpp"
#include "nnlab/config/experiment.hpp"
#include "nnlab/config/search_space.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/blas_threads.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/engine/sweep_runner.hpp"
#include "nnlab/engine/tpe_sweep.hpp"
#include "nnlab/report/experiment_report.hpp"

namespace nnlab::runner {

namespace fs = std::filesystem;

int coordinate_sweep(const CliOptions& cli, MpiSession& session);

namespace {

bool stdout_is_terminal() {
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !(term && std::string(term) == "dumb");
}

double peak_memory_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux reports KiB
}

/// A rank > 0 of a distributed sweep: sets the same runs up as rank 0, then trains what
/// rank 0 hands out. An error before the sweep starts is reported here only when rank 0
/// did not hit it too (say, a data file missing on this node alone).
int train_for_coordinator(const CliOptions& cli, MpiSession& session) {
  std::optional<Experiment> experiment;
  std::vector<RunSpec> specs;
  std::optional<Registry> registry;
  std::optional<RunPreparer> preparer;
  try {
    const MemoryBudget budget = memory_budget(cli);
    experiment = load_experiment(cli.file, cli.overrides);
    specs = expand_sweep(*experiment, budget);
    registry.emplace(Registry::search_path(cli.plugin_path));
    set_blas_threads(1);
    preparer.emplace(*registry, budget);
    preparer->check(specs);
  } catch (const std::exception& e) {
    session.all_ready(false);
    const std::string who = "runner (rank " + std::to_string(session.rank()) + ")";
    return session.coordinator_ready() ? report_error(e, who) : 2;
  }
  if (!session.all_ready(true)) return 2; // rank 0 or another rank says why
  const fs::path results = cli.out.empty() ? fs::path("results") : cli.out;
  const auto train = [&](const std::vector<RunSpec>& runs) {
    mpi_worker(session, {&runs,
                         {},
                         &*preparer,
                         cli.jobs > 0 ? cli.jobs : 1,
                         cli.verbose,
                         results / experiment->name / "checkpoints",
                         &install_interrupt_handler()});
  };
  train(specs);
  if (experiment->sweep_mode != SweepMode::tpe) return 0;
  // tpe: each round's proposals come from rank 0; an empty round ends the sweep.
  const std::size_t dimensions = search_space(*experiment).size();
  for (std::size_t first = specs.size();;) {
    std::vector<SearchPoint> points;
    broadcast_points(session, points, dimensions);
    if (points.empty()) return 0;
    std::vector<RunSpec> round;
    try {
      round = point_runs(*experiment, points, first);
      preparer->check(round);
    } catch (const std::exception& e) {
      session.all_ready(false);
      return report_error(e, "runner (rank " + std::to_string(session.rank()) + ")");
    }
    if (!session.all_ready(true)) return 2;
    first += round.size();
    train(round);
  }
}

/// Where the wall time went, on the main thread and in order: reading the experiment and
/// the plugins and checking every run (load), waiting for the runs to train (train),
/// writing them into the store (store), drawing (plot), summary and report.html (report).
void print_phases(double read_s, const SweepResult& sweep, const ExperimentReport& report,
                  std::ostream& out) {
  const double load_s = read_s + sweep.prepare_s;
  const double train_s = sweep.wall_time_s - sweep.prepare_s - sweep.store_s;
  char line[256];
  std::snprintf(line, sizeof line,
                "phases:  load %.2f s, train %.2f s, store %.2f s, plot %.2f s, report %.2f s\n",
                load_s, train_s, sweep.store_s, report.plot_s, report.report_s);
  out << line;
}

} // namespace

int run_experiment(const CliOptions& cli, MpiSession& session) {
  if (session.rank() > 0) return train_for_coordinator(cli, session);
  try {
    return coordinate_sweep(cli, session);
  } catch (...) {
    if (!session.asked()) session.all_ready(false); // the other ranks stop cleanly too
    throw;
  }
}

int coordinate_sweep(const CliOptions& cli, MpiSession& session) {
  const auto load_start = std::chrono::steady_clock::now();
  const MemoryBudget budget = memory_budget(cli);
  const Experiment experiment = load_experiment(cli.file, cli.overrides);
  std::vector<RunSpec> specs = expand_sweep(experiment, budget);
  Registry registry(Registry::search_path(cli.plugin_path));
  // One BLAS thread inside a run: nnlab's parallelism is across runs.
  set_blas_threads(1);

  SweepOptions options;
  if (session.distributed()) options.trainer = mpi_coordinator(session);
  if (!cli.out.empty()) options.results_dir = cli.out;
  // Under MPI a rank is usually a core: one thread per rank unless --jobs says more.
  options.jobs = session.distributed() && cli.jobs == 0 ? 1 : cli.jobs;
  options.force = cli.force;
  options.keep_stale = cli.keep_stale;
  options.verbose = cli.verbose;
  options.quiet = cli.quiet;
  options.terminal = stdout_is_terminal();
  options.command_line = cli.command_line;
  options.stop = &install_interrupt_handler();
  options.memory = budget;
  const double read_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  // The other ranks of an MPI job build each tpe round's runs from its proposals.
  const auto announce = [&](const std::vector<SearchPoint>& points) {
    if (!session.distributed()) return;
    std::vector<SearchPoint> sent = points;
    broadcast_points(session, sent, search_space(experiment).size());
  };
  // tpe: rounds of runs, each proposed from the ones before; specs gains every round's.
  const SweepResult result =
      experiment.sweep_mode == SweepMode::tpe
          ? run_tpe_sweep(experiment, specs, registry, options, std::cout, announce)
          : run_sweep(experiment, specs, registry, options, std::cout);

  // The store is complete: what reads it is the report's (the plots are `runner plot`'s).
  const auto report_start = std::chrono::steady_clock::now();
  ExperimentReport report;
  std::string report_failure;
  if (!result.interrupted) {
    ExperimentReportOptions finish;
    finish.experiment_dir = result.experiment_dir;
    finish.name = experiment.name;
    finish.experiment_yaml = experiment.yaml_text;
    finish.overrides = experiment.overrides;
    for (const auto& spec : specs)
      finish.run_ids.push_back(spec.id);
    finish.plots = cli.plots;
    finish.quiet = cli.quiet;
    finish.load_data = data_loader(registry);
    // The runs are stored whatever happens here: a report that cannot be made is said in
    // one line, and the exit status still says first whether a run failed.
    try {
      report = finish_experiment(finish, std::cout);
    } catch (const std::exception& e) {
      report_failure = e.what();
      std::replace(report_failure.begin(), report_failure.end(), '\n', ' ');
    }
  }
  const double wall_time_s =
      result.wall_time_s +
      std::chrono::duration<double>(std::chrono::steady_clock::now() - report_start).count();

  char figures[128];
  std::snprintf(figures, sizeof figures, "%.1f s, peak memory %.0f MB", wall_time_s,
                peak_memory_mb());
  if (result.interrupted && prunes_points(experiment)) {
    // Successive halving: runs are stored at every rung; what is left is rungs, not runs.
    std::cout << "\ninterrupted: the runs of the rungs so far are stored in "
              << result.store_file.string() << " (" << figures
              << "); the runs in progress saved a checkpoint where they stopped;\nrun the same "
                 "command again to go on from there (the rungs' decisions replay from the "
                 "store).\n";
    return interrupt_exit_status();
  }
  if (result.interrupted) {
    std::cout << "\ninterrupted: " << result.trained + result.skipped << " of " << result.runs
              << " runs are stored in " << result.store_file.string() << " (" << figures
              << "); the runs in progress saved a checkpoint where they stopped;\nrun the same "
                 "command again to train the other "
              << result.runs - result.trained - result.skipped << " (resuming those).\n";
    return interrupt_exit_status();
  }
  std::cout << "\nresults: " << result.store_file.string() << "  (" << result.runs
            << (result.runs == 1 ? " run: " : " runs: ") << result.trained << " trained, "
            << result.skipped << " kept; " << result.diverged << " diverged, " << result.failed
            << " failed; " << figures << ")\n";
  if (report_failure.empty()) {
    std::cout << "summary: " << report.summary_file.string() << '\n';
    if (!report.statistics_file.empty())
      std::cout << "stats:   " << report.statistics_file.string() << '\n';
    std::cout << "report:  " << report.report_file.string() << '\n';
  }
  if (cli.verbose && report_failure.empty()) print_phases(read_s, result, report, std::cout);
  if (cli.plots && report_failure.empty()) {
    // The convergence plot answers the sweep's question: name the one drawn (cost_test,
    // or cost_train for data without a test set).
    std::string convergence;
    std::size_t gifs = 0;
    for (const auto& png : report.plots) {
      if (png.filename().string().rfind("convergence-cost", 0) == 0)
        convergence = "; " + png.filename().string() + " compares the sweep points";
      gifs += png.extension() == ".gif";
    }
    std::cout << "plots:   " << report.plot_dir.string() << "/  (" << report.plots.size() - gifs
              << " PNG" << (gifs ? ", " + std::to_string(gifs) + " GIF" : std::string())
              << convergence << ")\n";
  }
  const auto report_error = [&] {
    if (!report_failure.empty())
      std::cerr << "runner: error: the report of " << result.store_file.string()
                << " was not finished (the runs are stored; runner plot redraws it): "
                << report_failure << '\n';
  };
  if (result.failed == 0) {
    report_error();
    return report_failure.empty() ? 0 : 1;
  }
  // The summary says how many; the one line on stderr says why, even with --quiet.
  std::string first = result.first_failure;
  std::replace(first.begin(), first.end(), '\n', ' ');
  std::cerr << "runner: error: " << result.failed << " of " << result.runs
            << " run(s) failed (stored with status failed; the sweep went on); the first, " << first
            << '\n';
  report_error();
  return 1;
}

} // namespace nnlab::runner
