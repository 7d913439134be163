#include "nnlab/report/comparison_statistics.hpp"

#include <algorithm>

namespace nnlab {

GroupStatistics comparison_statistics(const StoreComparison& comparison,
                                      const std::vector<StoredExperiment>& experiments,
                                      StatisticsOptions options) {
  std::vector<OutcomeGroup> groups;
  for (const ComparedGroup& compared : comparison.groups) {
    OutcomeGroup& group = groups.emplace_back();
    group.label = compared.label;
    group.colour = compared.colour;
    for (const std::size_t r : compared.run_indices)
      add_outcome(group, experiments.at(compared.store).runs.at(r), comparison.metric,
                  comparison.target);
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
