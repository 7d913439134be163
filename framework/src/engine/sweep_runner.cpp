#include "nnlab/engine/sweep_runner.hpp"

#include <chrono>
#include <cstdio>

#include "nnlab/core/version.hpp"
#include "nnlab/engine/dataset_cache.hpp"
#include "nnlab/engine/experiment_plots.hpp"
#include "nnlab/engine/prepared_run.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/sweep_summary.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

namespace {

double last(const arma::vec& series) {
  return series.is_empty() ? arma::datum::nan : series[series.n_elem - 1];
}

void print_run_line(std::ostream& out, const RunRecord& r, std::size_t total) {
  char line[512];
  const int digits = static_cast<int>(std::to_string(total).size());
  std::snprintf(line, sizeof line,
                "[%*zu/%zu] %s  %-8s  cost_test %.5f  acc_test %5.1f%%  %6.2f s  %s seed=%llu",
                digits, r.index + 1, total, r.id.c_str(), to_string(r.status).c_str(),
                last(r.series.cost_test), 100 * last(r.series.accuracy_test), r.wall_time_s,
                r.label.c_str(), static_cast<unsigned long long>(r.seed));
  out << line << '\n';
  if (r.status != RunStatus::done) out << "        " << r.message << '\n';
}

} // namespace

SweepResult run_sweep(const Experiment& experiment, const std::vector<RunSpec>& specs,
                      Registry& registry, const SweepOptions& options, std::ostream& out) {
  const auto start = std::chrono::steady_clock::now();
  DatasetCache datasets(registry);
  const std::vector<PreparedRun> runs = prepare_runs(specs, registry, datasets);
  if (!options.quiet)
    out << "experiment '" << experiment.name << "' (" << experiment.file.string()
        << "): " << specs.size() << " run(s) = " << specs.size() / experiment.seeds.size()
        << " sweep point(s) x " << experiment.seeds.size() << " seed(s)\n";

  SweepResult result;
  result.runs = runs.size();
  result.experiment_dir = options.results_dir / experiment.name;
  result.store_file = result.experiment_dir / "runs.h5";
  result.plot_dir = result.experiment_dir / "plots";
  result.summary_file = result.experiment_dir / "summary.csv";
  RunStore store = RunStore::open(result.store_file, {experiment.yaml_text, version, "", {}});
  const auto completed = options.force ? std::set<std::string>{} : store.completed_run_ids();

  for (const auto& run : runs) {
    if (completed.count(run.spec->id)) {
      ++result.skipped;
      continue;
    }
    if (options.verbose)
      out << "\nRun " << run.spec->index + 1 << "/" << runs.size() << "  " << run.spec->id << "  "
          << run.spec->point_label() << " seed=" << run.spec->seed << '\n';
    const RunRecord record = execute_run(run, {options.verbose ? &out : nullptr, {}});
    store.write_run(record);
    ++result.trained;
    if (!options.quiet) print_run_line(out, record, runs.size());
  }
  if (result.skipped > 0 && !options.quiet)
    out << result.skipped << " run(s) already complete in " << result.store_file.string()
        << " were kept (--force reruns them)\n";

  std::vector<RunRecord> records;
  records.reserve(runs.size());
  for (const auto& run : runs) {
    records.push_back(store.read_run(run.spec->id));
    result.diverged += records.back().status == RunStatus::diverged;
    result.failed += records.back().status == RunStatus::failed;
  }
  write_summary_csv(records, result.summary_file);
  if (options.plots)
    result.plots = plot_experiment(experiment.name, runs, records, result.plot_dir);
  if (!options.quiet) {
    out << '\n';
    print_summary(records, out);
  }
  result.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

} // namespace nnlab
