#include "halving_sweep.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>

#include "nnlab/train/checkpoint.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

namespace {

// What the store says of a run, read back when a rung needs it.
struct Stored {
  bool present = false;
  RunRecord record;
};

class StoredRuns {
public:
  StoredRuns(RunStore& store, const std::vector<const RunSpec*>& pending) : store_(store) {
    const std::vector<std::string> ids = store.run_ids();
    in_store_.insert(ids.begin(), ids.end());
    for (const RunSpec* spec : pending)
      untrusted_.insert(spec->id);
  }

  // Whether the stored run has trained to iteration `rung`, or finished before it.
  bool reached(const RunSpec& spec, std::uint64_t rung) {
    const Stored& run = get(spec.id);
    if (!run.present) return false;
    return run.record.status != RunStatus::pruned || run.record.iterations_done >= rung;
  }

  // Runs just trained: their records are the store's now.
  void refresh(const std::vector<const RunSpec*>& runs) {
    for (const RunSpec* spec : runs) {
      untrusted_.erase(spec->id);
      in_store_.insert(spec->id);
      cache_.erase(spec->id);
    }
  }

  const Stored& get(const std::string& id) {
    const auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
    Stored& run = cache_[id];
    if (in_store_.count(id) && !untrusted_.count(id)) {
      run.present = true;
      run.record = store_.read_run(id);
      run.record.weights.clear(); // only the series are read here
      run.record.snapshots = {};
    }
    return run;
  }

  void forget(const std::string& id) { cache_.erase(id); }

private:
  RunStore& store_;
  std::set<std::string> in_store_, untrusted_;
  std::map<std::string, Stored> cache_;
};

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// The monitored value of a run at `rung`: its series' value at the rung, or its last one
// for a run that finished before; NaN (ranked last) for a failed or diverged run.
double value_at(const RunRecord& record, const SeriesSpec& series, std::uint64_t rung) {
  if (record.status == RunStatus::failed || record.status == RunStatus::diverged)
    return std::numeric_limits<double>::quiet_NaN();
  const arma::vec& values = record.series.*series.recorded;
  if (values.is_empty()) return std::numeric_limits<double>::quiet_NaN();
  const double value = values(std::min<arma::uword>(rung, values.n_elem) - 1);
  return std::isfinite(value) ? value : std::numeric_limits<double>::quiet_NaN();
}

struct Ranked {
  std::size_t point;
  double value; // the median over the point's seeds; NaN when any seed has none
  std::string first_id;
};

} // namespace

void run_halving(const Experiment& experiment, const std::vector<RunSpec>& specs,
                 const std::vector<const RunSpec*>& pending, RunStore& store, SweepRounds& rounds,
                 ProgressReporter& progress) {
  const std::size_t seeds = experiment.seeds.size();
  const std::size_t points = specs.size() / seeds;
  const HalvingSettings& h = experiment.halving;
  StoredRuns stored(store, pending);
  const auto runs_of = [&](std::size_t point) {
    std::vector<const RunSpec*> runs;
    for (std::size_t s = 0; s < seeds; ++s)
      runs.push_back(&specs[point * seeds + s]);
    return runs;
  };

  for (const HalvingBracket& bracket : plan_brackets(experiment, points)) {
    std::vector<std::size_t> active = bracket.points;
    for (const std::uint64_t rung : bracket.rungs) {
      std::vector<const RunSpec*> train;
      for (const std::size_t point : active)
        for (const RunSpec* spec : runs_of(point))
          if (!stored.reached(*spec, rung)) train.push_back(spec);
      if (!train.empty()) {
        progress.expect(train.size());
        const bool last = rung >= h.max_iterations;
        if (!rounds.train(train, last ? 0 : rung)) return;
        stored.refresh(train);
      }
      if (rung >= h.max_iterations) break;

      // The series ranked by: as set, else cost_valid when the runs validate.
      const SeriesSpec* monitor = h.monitor.empty() ? nullptr : find_series(h.monitor);
      if (!monitor) {
        bool validation = false;
        for (const std::size_t point : active)
          for (const RunSpec* spec : runs_of(point))
            validation = validation || !stored.get(spec->id).record.series.cost_valid.is_empty();
        monitor = &series_named(validation ? "cost_valid" : "cost_test");
      }
      std::vector<Ranked> ranked;
      for (const std::size_t point : active) {
        std::vector<double> values;
        Ranked entry{point, 0.0, {}};
        for (const RunSpec* spec : runs_of(point)) {
          values.push_back(value_at(stored.get(spec->id).record, *monitor, rung));
          if (entry.first_id.empty() || spec->id < entry.first_id) entry.first_id = spec->id;
        }
        const bool complete =
            std::none_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
        entry.value = complete ? median_of(values) : std::numeric_limits<double>::quiet_NaN();
        ranked.push_back(entry);
      }
      const bool lower = monitor->lower_is_better;
      std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
        const bool a_nan = std::isnan(a.value), b_nan = std::isnan(b.value);
        if (a_nan != b_nan) return b_nan;
        if (!a_nan && a.value != b.value) return lower ? a.value < b.value : a.value > b.value;
        return a.first_id < b.first_id;
      });
      const std::size_t keep = std::max<std::size_t>(1, ranked.size() / h.eta);
      active.clear();
      for (std::size_t i = 0; i < ranked.size(); ++i) {
        if (i < keep) {
          active.push_back(ranked[i].point);
          continue;
        }
        // Pruned: its stored record (status pruned) is final, its checkpoint no use.
        for (const RunSpec* spec : runs_of(ranked[i].point)) {
          remove_checkpoint(checkpoint_file(rounds.checkpoint_dir(), spec->id));
          stored.forget(spec->id);
        }
      }
      std::sort(active.begin(), active.end());
    }
  }
}

} // namespace nnlab
