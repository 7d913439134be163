#include "nnlab/report/comparison_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "nnlab/storage/run_store.hpp"

namespace nnlab {

GroupStatistics comparison_statistics(const StoreComparison& comparison,
                                      const std::vector<StoredExperiment>& experiments,
                                      StatisticsOptions options) {
  // Iterations to the target need each run's whole series: a store loaded as an overview
  // kept only their ends, so each is read then (and dropped again once counted).
  const bool counts_iterations = !std::isnan(comparison.target);
  std::vector<std::optional<RunStore>> stores(experiments.size());
  std::vector<OutcomeGroup> groups;
  for (const ComparedGroup& compared : comparison.groups) {
    OutcomeGroup& group = groups.emplace_back();
    group.label = compared.label;
    group.colour = compared.colour;
    const StoredExperiment& experiment = experiments.at(compared.store);
    for (const std::size_t r : compared.run_indices) {
      const StoredRun& run = experiment.runs.at(r);
      const std::size_t stored = series_end(run, comparison.metric).length;
      if (!counts_iterations || series_of(run.record, comparison.metric).n_elem == stored) {
        add_outcome(group, run, comparison.metric, comparison.target);
        continue;
      }
      auto& store = stores[compared.store];
      if (!store) store.emplace(RunStore::open_read_only(experiment.store));
      const RunRecord loaded = store->read_run(run.record.id, RunContent::series);
      add_outcome(group, run, comparison.metric, comparison.target,
                  &series_of(loaded, comparison.metric));
    }
  }
  // "--baseline sgd" across stores: the one group of that name, if only one has it
  const auto& all = comparison.groups;
  const auto named = [&](const ComparedGroup& g) { return g.label == options.baseline; };
  const auto same_group = [&](const ComparedGroup& g) { return g.group == options.baseline; };
  if (!options.baseline.empty() && std::none_of(all.begin(), all.end(), named) &&
      std::count_if(all.begin(), all.end(), same_group) == 1)
    options.baseline = std::find_if(all.begin(), all.end(), same_group)->label;
  return group_statistics(groups, comparison.metric, comparison.target, options);
}

} // namespace nnlab
