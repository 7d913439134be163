#include "stale_reruns.hpp"

#include <algorithm>
#include <chrono>

#include "nnlab/core/timestamp.hpp"
#include "nnlab/engine/library_checks.hpp"
#include "nnlab/engine/run_standing.hpp"
#include "nnlab/engine/run_verification.hpp"

namespace nnlab {

namespace {

const std::string* find_hash(const HashList& list, const std::string& name) {
  for (const auto& [key, sha256] : list)
    if (key == name) return &sha256;
  return nullptr;
}

// "since 27 runs were stored", "since 1 run was stored".
std::string since(std::size_t runs) {
  return "since " + std::to_string(runs) + (runs == 1 ? " run was" : " runs were") + " stored";
}

// ": retraining them", ": keeping it (--keep-stale)", ": keeping them".
std::string outcome(std::size_t runs, bool retrain, bool keep_stale) {
  const std::string them = runs == 1 ? "it" : "them";
  if (!retrain) return ": keeping " + them;
  return keep_stale ? ": keeping " + them + " (--keep-stale)" : ": retraining " + them;
}

/// Re-executes the first run (in sweep order) that only a rebuild not checked yet keeps
/// from being current, records what it found for each such library of the run in `checks`
/// and, at once, in the store. Returns the line that says so.
std::string check_one(const std::vector<RunSpec>& specs, const SweepStanding& standing,
                      const std::vector<RunHeader>& headers, RunPreparer& preparer, RunStore& store,
                      LibraryChecks& checks, bool keep_stale) {
  std::size_t i = 0;
  while (standing.runs[i].state != RunState::unverified)
    ++i;
  const RunSpec& spec = specs[i];
  const RunInputs& now = *preparer.checked_inputs()[i];
  const RunHeader* header = &headers.front();
  for (const RunHeader& h : headers)
    if (h.id == spec.id) header = &h;
  const std::string difference =
      reexecution_difference(preparer.prepare(spec), store.read_run(spec.id));
  const std::string when = utc_timestamp(std::chrono::system_clock::now());
  std::string libraries;
  std::size_t runs = 0;
  for (const auto& [name, was] : header->libraries) {
    const std::string* is = find_hash(now.libraries, name);
    if (!is || *is == was || checks.verdict(name, *is, was) != LibraryChecks::Verdict::unchecked)
      continue;
    for (const InputChange& change : standing.changes)
      if (change.library && change.what == "unchecked" && change.name == name && change.was == was)
        runs = std::max(runs, change.runs);
    checks.add({name, *is, was, spec.id, difference.empty(), difference, when});
    libraries += (libraries.empty() ? "" : " and ") + name;
  }
  // At once: what the re-execution found survives a kill from here on.
  store.set_attribute("library_checks", checks.to_yaml());
  return libraries + " rebuilt " + since(runs) + ": re-executed run " + std::to_string(i + 1) +
         " (" + spec.id +
         "): " + (difference.empty() ? "reproduced bit for bit" : "differs (" + difference + ")") +
         outcome(runs, !difference.empty(), keep_stale);
}

} // namespace

RerunPlan plan_rerun(const std::vector<RunSpec>& specs, RunPreparer& preparer, RunStore& store,
                     bool force, bool keep_stale, bool keep_pruned) {
  RerunPlan plan;
  if (force) {
    for (const RunSpec& spec : specs)
      plan.pending.push_back(&spec);
    return plan;
  }
  const std::vector<RunHeader> headers = store.run_headers();
  LibraryChecks checks =
      LibraryChecks::parse(store.header().attribute("library_checks"), store.file().string());
  const std::size_t checked_before = checks.checks().size();
  SweepStanding standing = assess_sweep(specs, preparer.checked_inputs(), headers, checks);
  std::vector<std::string>& lines = plan.lines;
  while (standing.count(RunState::unverified) > 0) {
    lines.push_back(check_one(specs, standing, headers, preparer, store, checks, keep_stale));
    standing = assess_sweep(specs, preparer.checked_inputs(), headers, checks);
  }
  // Then one line per file that changed, and per library found to give other results by
  // an earlier rerun (one checked just now has its line).
  const auto checked_now = [&](const InputChange& change) {
    return std::any_of(checks.checks().begin() + static_cast<std::ptrdiff_t>(checked_before),
                       checks.checks().end(), [&](const LibraryCheck& check) {
                         return check.library == change.name && check.was == change.was;
                       });
  };
  for (const InputChange& change : standing.changes) {
    if (!change.library)
      lines.push_back(change.name + " " + change.what + " " + since(change.runs) +
                      outcome(change.runs, true, keep_stale));
    else if (change.what == "gives other results" && !checked_now(change))
      lines.push_back(change.name + " rebuilt " + since(change.runs) +
                      ": gives other results (run " + change.check.run + " re-executed " +
                      change.check.checked + " differed)" + outcome(change.runs, true, keep_stale));
  }

  for (std::size_t i = 0; i < specs.size(); ++i) {
    const RunState state = standing.runs[i].state;
    if (state == RunState::missing || state == RunState::failed ||
        (state == RunState::stale && !keep_stale) || (state == RunState::pruned && !keep_pruned))
      plan.pending.push_back(&specs[i]);
    else if (state == RunState::diverged)
      ++plan.kept_diverged;
    else if (state == RunState::pruned)
      ++plan.kept_pruned;
  }
  return plan;
}

} // namespace nnlab
