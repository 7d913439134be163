#pragma once

#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "nnlab/config/run_spec.hpp"
#include "nnlab/engine/dataset_cache.hpp"
#include "nnlab/engine/prepared_run.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab {

/// The plugins a sweep's runs use, by kind and name.
using PluginsUsed = std::set<std::pair<PluginKind, std::string>>;

/// Builds a sweep's runs when they are about to train, so that memory holds the runs in
/// training rather than the whole sweep: a run's config tree and plugins live as long as
/// its PreparedRun. Data sets are loaded once and kept (the runs of a sweep usually share
/// one). prepare() may be called from several threads: it builds one run at a time, since
/// the Registry and the DatasetCache are not thread-safe.
class NNLAB_EXPORT RunPreparer {
public:
  explicit RunPreparer(Registry& registry) : registry_(registry), datasets_(registry) {}

  /// prepare_run(spec), under the lock.
  PreparedRun prepare(const RunSpec& spec);
  /// Prepares every run and drops it again, one at a time, so that a bad parameter in the
  /// 27th run stops the sweep before the first one trains; returns the plugins they use.
  PluginsUsed check(const std::vector<RunSpec>& specs);

private:
  std::mutex mutex_;
  Registry& registry_;
  DatasetCache datasets_;
};

} // namespace nnlab
