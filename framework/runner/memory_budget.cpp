#include "memory_budget.hpp"

namespace nnlab::runner {

MemoryBudget memory_budget(const CliOptions& cli) {
  if (cli.max_memory > 0) return {cli.max_memory, "--max-memory"};
  return {available_memory(), "the memory available; --max-memory sets it"};
}

} // namespace nnlab::runner
