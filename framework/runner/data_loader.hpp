#pragma once

#include "nnlab/plugin/registry.hpp"
#include "nnlab/report/store_plots.hpp"

namespace nnlab::runner {

/// What the plots load a stored run's data with: each dataset block once, through the
/// plugins found by `registry` (which must outlive the loader), checked as a sweep checks
/// it (DatasetCache).
DataLoader data_loader(Registry& registry);

} // namespace nnlab::runner
