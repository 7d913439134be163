#pragma once

#include "cli.hpp"
#include "nnlab/core/memory_size.hpp"

namespace nnlab::runner {

/// What the runs of a command may take: --max-memory, or the memory available now
/// (MemAvailable), each saying so in a refusal ("limit 20 GB: the memory available;
/// --max-memory sets it").
MemoryBudget memory_budget(const CliOptions& cli);

} // namespace nnlab::runner
