#include "nnlab/storage/run_record.hpp"

namespace nnlab {

std::string to_string(RunStatus status) {
  switch (status) {
  case RunStatus::done: return "done";
  case RunStatus::diverged: return "diverged";
  case RunStatus::failed: return "failed";
  case RunStatus::pruned: return "pruned";
  }
  return "unknown"; // unreachable for a valid enum value; keeps -Wreturn-type quiet
}

std::optional<RunStatus> run_status_from(std::string_view text) {
  if (text == "done") return RunStatus::done;
  if (text == "diverged") return RunStatus::diverged;
  if (text == "failed") return RunStatus::failed;
  if (text == "pruned") return RunStatus::pruned;
  return std::nullopt;
}

std::string run_title(const std::string& label, std::uint64_t seed) {
  return (label.empty() ? "" : label + " ") + "seed=" + std::to_string(seed);
}

} // namespace nnlab
