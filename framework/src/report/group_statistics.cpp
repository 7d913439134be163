#include "nnlab/report/group_statistics.hpp"

#include <algorithm>
#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/report/group_plots.hpp"
#include "nnlab/report/run_groups.hpp"
#include "nnlab/report/run_pairing.hpp"
#include "nnlab/stats/holm.hpp"
#include "nnlab/stats/order_statistics.hpp"

namespace nnlab {

namespace {

std::vector<const StoredRun*> runs_of(const OutcomeGroup& group) {
  std::vector<const StoredRun*> runs;
  for (const auto& outcome : group.runs)
    runs.push_back(outcome.run);
  return runs;
}

double value_of(const RunOutcome& outcome, bool iterations) {
  return iterations ? outcome.iterations : outcome.final_value;
}

std::vector<double> values_of(const OutcomeGroup& group, bool iterations) {
  std::vector<double> values;
  for (const auto& outcome : group.runs)
    values.push_back(value_of(outcome, iterations));
  return values;
}

StatisticsRow compare(const OutcomeGroup& group, const OutcomeGroup& baseline, bool iterations,
                      bool lower_is_better, const StatisticsOptions& options) {
  StatisticsRow row;
  row.group = group.label;
  row.baseline = baseline.label;
  row.iterations = iterations;
  row.colour = group.colour;
  // iterations: fewer is better, whatever the metric
  const bool lower = iterations || lower_is_better;
  std::vector<std::uint64_t> failed = group.failed_seeds;
  failed.insert(failed.end(), baseline.failed_seeds.begin(), baseline.failed_seeds.end());
  const RunPairing pairing = pair_runs(runs_of(group), runs_of(baseline), failed);
  if (!pairing.paired) {
    row.note = pairing.why_not;
    row.result =
        stats::compare_unpaired(values_of(group, iterations), values_of(baseline, iterations),
                                lower, options.bootstrap.level);
    return row;
  }
  std::vector<double> mine, theirs;
  for (const auto& [i, j] : pairing.pairs) {
    mine.push_back(value_of(group.runs[i], iterations));
    theirs.push_back(value_of(baseline.runs[j], iterations));
    row.seeds.push_back(group.runs[i].run->record.seed);
    row.differences.push_back(stats::difference(mine.back(), theirs.back()));
  }
  row.result = stats::compare_paired(mine, theirs, lower, options.bootstrap);
  return row;
}

std::string group_names(const std::vector<OutcomeGroup>& groups) {
  std::string text;
  for (const auto& group : groups)
    text += (text.empty() ? "" : ", ") + group.label;
  return text;
}

} // namespace

double iterations_to_target(const arma::vec& series, double target) {
  const arma::uvec hit = arma::find(series <= target, 1);
  return hit.is_empty() ? std::numeric_limits<double>::infinity() : static_cast<double>(hit[0] + 1);
}

void add_outcome(OutcomeGroup& group, const StoredRun& run, const std::string& metric,
                 double target, const arma::vec* series) {
  // A pruned run stopped at a rung: it has no final value to compare.
  if (run.record.status == RunStatus::pruned) return;
  if (run.record.status == RunStatus::failed) {
    group.failed_seeds.push_back(run.record.seed);
    return;
  }
  const double worst =
      (series_named(metric).lower_is_better ? 1.0 : -1.0) * std::numeric_limits<double>::infinity();
  const bool diverged = run.record.status == RunStatus::diverged;
  RunOutcome outcome;
  outcome.run = &run;
  outcome.final_value = final_value(run, metric);
  if (diverged || std::isnan(outcome.final_value)) outcome.final_value = worst;
  if (!std::isnan(target))
    outcome.iterations =
        diverged ? std::numeric_limits<double>::infinity()
                 : iterations_to_target(series ? *series : series_of(run.record, metric), target);
  group.runs.push_back(outcome);
}

std::string default_compared_metric(const std::vector<StoredRun>& runs) {
  for (const char* metric : {"cost_valid", "cost_test"})
    if (find_series(metric) && stores_series(runs, metric)) return metric;
  return "cost_train";
}

GroupStatistics group_statistics(const std::vector<OutcomeGroup>& groups, const std::string& metric,
                                 double target, const StatisticsOptions& options) {
  if (groups.size() < 2)
    throw ConfigError("statistics: the runs form " + std::to_string(groups.size()) +
                      " group; two or more are compared (group them by a key that varies, "
                      "--group-by KEY)");
  std::size_t base = 0;
  if (!options.baseline.empty()) {
    const auto named = std::find_if(groups.begin(), groups.end(), [&](const OutcomeGroup& g) {
      return g.label == options.baseline;
    });
    if (named == groups.end())
      throw ConfigError("--baseline '" + options.baseline +
                        "': no such group; groups: " + group_names(groups));
    base = static_cast<std::size_t>(named - groups.begin());
  }
  GroupStatistics statistics;
  statistics.metric = metric;
  statistics.lower_is_better = series_named(metric).lower_is_better;
  statistics.target = statistics.lower_is_better ? target : std::nan("");
  statistics.baseline = groups[base].label;
  statistics.bootstrap = options.bootstrap;
  for (const bool iterations : {false, true}) {
    if (iterations && std::isnan(statistics.target)) break;
    for (std::size_t g = 0; g < groups.size(); ++g)
      if (g != base)
        statistics.rows.push_back(
            compare(groups[g], groups[base], iterations, statistics.lower_is_better, options));
  }
  std::vector<double> p;
  for (const auto& row : statistics.rows)
    p.push_back(row.result.p_value);
  const std::vector<double> adjusted = stats::holm(p);
  for (std::size_t r = 0; r < statistics.rows.size(); ++r)
    statistics.rows[r].p_holm = adjusted[r];
  return statistics;
}

std::optional<GroupStatistics> experiment_statistics(const StoredExperiment& overview,
                                                     const StatisticsOptions& options,
                                                     const std::vector<std::string>& group_by) {
  if (overview.runs.empty()) return std::nullopt;
  const RunGroups groups = group_runs(overview.runs, overview.store.string(), group_by);
  if (groups.keys.size() != 1 || groups.groups.size() < 2) return std::nullopt;
  const std::string metric = default_compared_metric(overview.runs);
  if (!stores_series(overview.runs, metric)) return std::nullopt;
  const double target =
      series_named(metric).lower_is_better ? default_target(overview.runs, metric) : std::nan("");
  // Each run's series is read for its iterations to the target, then dropped.
  const RunStore store = RunStore::open_read_only(overview.store);
  std::vector<OutcomeGroup> outcomes;
  for (const RunGroup& group : groups.groups) {
    OutcomeGroup& outcome = outcomes.emplace_back();
    outcome.label = group.label;
    outcome.colour = group.colour;
    for (const std::size_t r : group.runs) {
      const StoredRun& run = overview.runs[r];
      if (std::isnan(target) || run.record.status != RunStatus::done) {
        add_outcome(outcome, run, metric, target);
        continue;
      }
      const RunRecord loaded = store.read_run(run.record.id, RunContent::series);
      add_outcome(outcome, run, metric, target, &series_of(loaded, metric));
    }
    // A point successive halving pruned has no final values: nothing to compare.
    if (outcome.runs.empty() && outcome.failed_seeds.empty() && !group.runs.empty())
      outcomes.pop_back();
  }
  if (outcomes.size() < 2) return std::nullopt; // a halving sweep may leave one point finished
  return group_statistics(outcomes, metric, target, options);
}

} // namespace nnlab
