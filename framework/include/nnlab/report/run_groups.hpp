#pragma once

#include <armadillo>
#include <cstddef>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/stored_runs.hpp"

namespace nnlab {

/// Runs that share the values of the group keys (e.g. every seed of one sweep point).
struct RunGroup {
  /// The keys' values (ConfigNode::flow(), "-" when the key is absent from the config).
  std::vector<std::string> values;
  /// What differs, readable: a `*.plugin` key by its value, others as last_key=value,
  /// absent keys left out ("momentum learning_rate=0.05"); "all runs" without keys.
  std::string label;
  std::vector<std::size_t> runs; ///< indices into the runs grouped, in run order
  std::size_t colour = 0;        ///< index into plot_style::palette, stable across plots
};

/// The runs of a store split into groups by config key paths.
struct RunGroups {
  std::string store;             ///< the store's file, for messages
  std::vector<std::string> keys; ///< the key paths grouped by
  std::vector<RunGroup> groups;  ///< in order of their first run
};

/// Every leaf key path of the runs' configs ("optimizer.learning_rate"; a list such as
/// model.layers is one leaf), in the order first met, sorted per run.
NNLAB_EXPORT std::vector<std::string> config_keys(const std::vector<StoredRun>& runs);

/// The default grouping: the leaf keys whose value varies across the runs, except `seed`,
/// minus those that the others already determine (momentum's `optimizer.momentum`, absent
/// for sgd, follows `optimizer.plugin`; keys some runs lack are dropped first, then later
/// keys before earlier ones): the sweep's keys.
NNLAB_EXPORT std::vector<std::string> varying_keys(const std::vector<StoredRun>& runs);

/// Groups the runs by `keys` (varying_keys(runs) when empty). A key may name a leaf or a
/// block ("optimizer"). Throws ConfigError "<store>: group key 'k' is not in the runs'
/// config; keys: a, b, ..." for a key no run has.
NNLAB_EXPORT RunGroups group_runs(const std::vector<StoredRun>& runs, const std::string& store,
                                  std::vector<std::string> keys = {});

/// Per iteration i (0-based), over the runs still present at i (series longer than i)
/// whose value there is not NaN: median (the mean of the two middle values for an even
/// count), min, max, and how many runs counted. Iterations where no run counts get NaN.
struct SeriesBand {
  arma::vec median, min, max;
  arma::uvec count;
};
NNLAB_EXPORT SeriesBand series_band(const std::vector<const arma::vec*>& series);

/// The median of the values (mean of the middle two for an even count); NaN when empty.
NNLAB_EXPORT double median(std::vector<double> values);

} // namespace nnlab
