#include "nnlab/engine/tpe_sweep.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "nnlab/config/search_space.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/tpe_sampler.hpp"
#include "nnlab/storage/final_value.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

namespace {

// Each round of proposals draws from its own stream of the experiment seed: this tags it.
constexpr std::uint64_t tpe_stream = 0x7470655f726f756e; // "tpe_roun"

// What the rounds so far stored, point by point (runs are point-major, seeds inner).
struct StoredPoints {
  std::vector<std::vector<RunRecord>> runs; // by point, by seed
};

StoredPoints read_points(const std::filesystem::path& store_file, const std::vector<RunSpec>& runs,
                         std::size_t seeds) {
  const RunStore store = RunStore::open_read_only(store_file);
  const std::set<std::string> stored = store.completed_run_ids();
  StoredPoints points;
  points.runs.resize(runs.size() / seeds);
  for (std::size_t r = 0; r < runs.size(); ++r) {
    if (!stored.count(runs[r].id)) continue; // counts as the worst
    RunRecord record = store.read_run(runs[r].id);
    record.weights.clear();
    record.snapshots = {};
    points.runs[r / seeds].push_back(std::move(record));
  }
  return points;
}

const SeriesSpec& monitored(const Experiment& e, const StoredPoints& points) {
  const auto stores = [&](const SeriesSpec& series) {
    for (const auto& point : points.runs)
      for (const RunRecord& record : point)
        if (!(record.series.*series.recorded).is_empty()) return true;
    return false;
  };
  if (!e.monitor.empty()) {
    const SeriesSpec& series = series_named(e.monitor);
    if (!stores(series)) {
      const ConfigNode* at = e.sweep.find("monitor");
      throw ConfigError(at->location().str() + ": sweep.monitor: no run of the warm-up stored " +
                        e.monitor + (series.validation ? " (no validation split?)" : ""));
    }
    return series;
  }
  for (const char* name : {"cost_valid", "cost_test"})
    if (stores(series_named(name))) return series_named(name);
  return series_named("cost_train");
}

double median(std::vector<double> values) {
  if (values.empty()) return std::numeric_limits<double>::infinity();
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// A point's loss: the median over its seeds of the final value, lower is better; a run
// with no finite value (failed, diverged, missing) is the worst.
double point_loss(const std::vector<RunRecord>& runs, std::size_t seeds, const SeriesSpec& series) {
  std::vector<double> losses(seeds, std::numeric_limits<double>::infinity());
  for (std::size_t s = 0; s < runs.size(); ++s) {
    const double value = run_final_value(runs[s], series);
    const bool usable = runs[s].status != RunStatus::failed && std::isfinite(value);
    if (usable) losses[s] = series.lower_is_better ? value : -value;
  }
  return median(losses);
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

void add(SweepResult& total, const SweepResult& round) {
  total.experiment_dir = round.experiment_dir;
  total.store_file = round.store_file;
  total.trained += round.trained;
  total.skipped += round.skipped;
  total.diverged += round.diverged;
  total.failed += round.failed;
  total.interrupted = round.interrupted;
  if (total.first_failure.empty()) total.first_failure = round.first_failure;
  total.wall_time_s += round.wall_time_s;
  total.prepare_s += round.prepare_s;
  total.store_s += round.store_s;
}

} // namespace

SweepResult run_tpe_sweep(const Experiment& e, std::vector<RunSpec>& runs, Registry& registry,
                          const SweepOptions& options, std::ostream& out,
                          const std::function<void(const std::vector<SearchPoint>&)>& announce) {
  const std::size_t seeds = e.seeds.size();
  std::vector<SearchPoint> points = drawn_points(e, e.tpe_warmup);
  if (runs.size() != points.size() * seeds)
    throw Error("run_tpe_sweep: expected the " + std::to_string(points.size() * seeds) +
                " warm-up runs of expand_sweep, got " + std::to_string(runs.size()));
  const TpeSampler sampler(search_space(e));
  SweepResult total;
  std::vector<RunSpec> round_runs = runs;
  for (std::size_t round = 0;; ++round) {
    if (!options.quiet)
      out << "tpe round " << round << " of " << e.tpe_rounds << ": "
          << (round == 0 ? "warm-up, " + std::to_string(points.size()) + " random point(s)"
                         : std::to_string(round_runs.size() / seeds) + " proposed point(s)")
          << '\n';
    add(total, run_sweep(e, round_runs, registry, options, out));
    // A stop that came as the round's last runs finished ends the sweep here too.
    if (options.stop && options.stop->load()) total.interrupted = true;
    if (total.interrupted) break;

    // What the store holds of rounds 0..r, in point order: round r + 1 comes from it.
    const StoredPoints stored = read_points(total.store_file, runs, seeds);
    const SeriesSpec& series = monitored(e, stored);
    std::vector<TpeObservation> observations;
    for (std::size_t p = 0; p < points.size(); ++p)
      observations.push_back({points[p], point_loss(stored.runs[p], seeds, series)});
    if (!options.quiet) {
      const auto best = std::min_element(
          observations.begin(), observations.end(),
          [](const TpeObservation& a, const TpeObservation& b) { return a.loss < b.loss; });
      out << "tpe: best " << series.name << " so far "
          << number(series.lower_is_better ? best->loss : -best->loss) << " (median over " << seeds
          << " seed(s)) of " << observations.size() << " point(s)";
      const auto& best_runs = stored.runs[static_cast<std::size_t>(best - observations.begin())];
      out << (best_runs.empty() ? std::string() : ": " + best_runs.front().label) << '\n';
    }
    if (round == e.tpe_rounds) break;
    Rng rng(mix_seed(mix_seed(e.seed, tpe_stream), round + 1));
    const std::vector<SearchPoint> proposals = sampler.propose(observations, e.tpe_batch, rng);
    round_runs = point_runs(e, proposals, runs.size());
    if (announce) announce(proposals);
    runs.insert(runs.end(), round_runs.begin(), round_runs.end());
    points.insert(points.end(), proposals.begin(), proposals.end());
  }
  if (announce) announce({});
  // All the rounds' runs: what an interrupted sweep still owes counts the rounds to come.
  total.runs = (e.tpe_warmup + e.tpe_batch * e.tpe_rounds) * seeds;
  return total;
}

} // namespace nnlab
