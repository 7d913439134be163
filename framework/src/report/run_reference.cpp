#include "nnlab/report/run_reference.hpp"

#include <algorithm>
#include <vector>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

// At most `limit` ids joined with ", ", then how many more there are.
std::string some_ids(const std::vector<std::string>& ids, std::size_t limit = 5) {
  std::string text;
  for (std::size_t i = 0; i < ids.size() && i < limit; ++i)
    text += (i ? ", " : "") + ids[i];
  if (ids.size() > limit) text += ", ... (" + std::to_string(ids.size()) + " runs)";
  return text;
}

bool is_run_number(const std::string& run) {
  return !run.empty() && run.size() <= 3 &&
         std::all_of(run.begin(), run.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

RunReference parse_run_reference(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
    throw ConfigError("command line: '" + std::string(text) +
                      "': expected STORE:RUN (RUN: a run id, a unique prefix of one, or the "
                      "run number runner validate shows), e.g. results/xor/runs.h5:1");
  return {std::filesystem::path(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

std::string resolve_run(const RunStore& store, const std::string& run) {
  const std::string file = store.file().string();
  const std::vector<std::string> ids = store.run_ids();
  if (ids.empty()) throw ConfigError(file + ": no runs stored");
  if (is_run_number(run)) {
    // The index is stored with each run; reading them costs one read per run.
    const std::size_t number = std::stoul(run);
    std::vector<std::string> found;
    std::vector<std::size_t> numbers;
    for (const auto& id : ids) {
      numbers.push_back(store.read_run(id).index + 1);
      if (numbers.back() == number) found.push_back(id);
    }
    if (found.size() == 1) return found.front();
    if (found.empty()) {
      std::sort(numbers.begin(), numbers.end());
      std::vector<std::string> known;
      for (const auto n : numbers)
        known.push_back(std::to_string(n));
      throw ConfigError(file + ": no run number " + run +
                        " (as runner validate numbers runs); known: " + some_ids(known, 10));
    }
    throw ConfigError(file + ": run number " + run + " is stored " + std::to_string(found.size()) +
                      " times (the sweep changed); give its id: " + some_ids(found));
  }
  std::vector<std::string> found;
  for (const auto& id : ids)
    if (id.compare(0, run.size(), run) == 0) found.push_back(id);
  if (found.size() == 1) return found.front();
  if (found.empty())
    throw ConfigError(
        file + ": no run '" + run +
        "'; expected a run id, a unique prefix or a run number; known: " + some_ids(ids));
  throw ConfigError(file + ": run prefix '" + run + "' is ambiguous: " + some_ids(found) +
                    "; give more characters");
}

} // namespace nnlab
