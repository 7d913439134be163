#include "nnlab/engine/run_standing.hpp"

#include <algorithm>
#include <unordered_map>

namespace nnlab {

namespace {

const std::string* find_hash(const HashList& list, const std::string& name) {
  for (const auto& [key, sha256] : list)
    if (key == name) return &sha256;
  return nullptr;
}

std::string unreadable_why(const RunInputs& inputs, const std::string& name) {
  for (const UnreadableInput& input : inputs.unreadable)
    if (input.name == name) return input.why;
  return "cannot be read";
}

class Changes {
public:
  explicit Changes(std::vector<InputChange>& list) : list_(list) {}

  InputChange& of(const std::string& name, bool library, const std::string& what,
                  const std::string& was = {}, const std::string& now = {}) {
    for (InputChange& change : list_)
      if (change.name == name && change.library == library && change.what == what &&
          change.was == was)
        return change;
    list_.push_back({name, library, what, 0, was, now, {}});
    return list_.back();
  }

private:
  std::vector<InputChange>& list_;
};

} // namespace

std::string to_string(RunState state) {
  switch (state) {
  case RunState::done: return "done";
  case RunState::diverged: return "diverged";
  case RunState::failed: return "failed";
  case RunState::stale: return "stale";
  case RunState::unverified: return "unverified";
  case RunState::missing: return "missing";
  case RunState::pruned: return "pruned";
  }
  return "unknown";
}

SweepStanding assess_sweep(const std::vector<RunSpec>& specs,
                           const std::vector<std::shared_ptr<const RunInputs>>& now,
                           const std::vector<RunHeader>& stored, const LibraryChecks& checks) {
  std::unordered_map<std::string, const RunHeader*> by_id;
  for (const RunHeader& header : stored)
    by_id.emplace(header.id, &header);
  SweepStanding standing;
  standing.runs.resize(specs.size());
  Changes changes(standing.changes);
  for (std::size_t i = 0; i < specs.size(); ++i) {
    RunStanding& run = standing.runs[i];
    const auto found = by_id.find(specs[i].id);
    if (found == by_id.end()) {
      ++standing.counts[static_cast<std::size_t>(run.state = RunState::missing)];
      continue;
    }
    const RunHeader& header = *found->second;
    switch (header.status) {
    case RunStatus::failed:
      run.state = RunState::failed;
      run.why = {header.message};
      ++standing.counts[static_cast<std::size_t>(run.state)];
      continue;
    case RunStatus::diverged: run.state = RunState::diverged; break;
    case RunStatus::done: run.state = RunState::done; break;
    case RunStatus::pruned: run.state = RunState::pruned; break;
    }
    const RunInputs& inputs = *now.at(i);
    bool stale = false;
    for (const auto& [name, was] : header.inputs) {
      const std::string* is = find_hash(inputs.files, name);
      if (!is || *is == was) continue; // a file it no longer names has no say
      const std::string what = is->empty() ? unreadable_why(inputs, name) : "changed";
      run.why.push_back(name + " " + what);
      ++changes.of(name, false, what).runs;
      stale = true;
    }
    // Libraries: other results make the run stale; a rebuild not checked yet matters only
    // to a run that is current otherwise (a stale one is trained again anyway).
    struct Unchecked {
      std::string name, was, now;
    };
    std::vector<Unchecked> unchecked;
    for (const auto& [name, was] : header.libraries) {
      const std::string* is = find_hash(inputs.libraries, name);
      if (!is || *is == was) continue;
      switch (checks.verdict(name, *is, was)) {
      case LibraryChecks::Verdict::same: {
        InputChange& change = changes.of(name, true, "reproduces", was, *is);
        ++change.runs;
        change.check = *checks.deciding(name, *is, was);
        break;
      }
      case LibraryChecks::Verdict::differs: {
        InputChange& change = changes.of(name, true, "gives other results", was, *is);
        ++change.runs;
        change.check = *checks.deciding(name, *is, was);
        run.why.push_back(name + " gives other results");
        stale = true;
        break;
      }
      case LibraryChecks::Verdict::unchecked: unchecked.push_back({name, was, *is}); break;
      }
    }
    if (stale) {
      run.state = RunState::stale;
    } else if (!unchecked.empty()) {
      run.state = RunState::unverified;
      for (const Unchecked& library : unchecked) {
        run.why.push_back(library.name + " rebuilt, not checked yet");
        ++changes.of(library.name, true, "unchecked", library.was, library.now).runs;
      }
    }
    ++standing.counts[static_cast<std::size_t>(run.state)];
  }
  return standing;
}

} // namespace nnlab
