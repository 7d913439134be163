#include <catch2/catch.hpp>

#include "nnlab/engine/run_standing.hpp"

// assess_sweep: each run of a sweep against its stored header, from hashes alone.

using nnlab::RunState;
using nnlab::RunStatus;

namespace {

const std::string A = std::string(64, 'a'), B = std::string(64, 'b'), C = std::string(64, 'c');

nnlab::RunSpec spec(const std::string& id) {
  nnlab::RunSpec spec;
  spec.id = id;
  return spec;
}

std::shared_ptr<const nnlab::RunInputs> inputs(nnlab::HashList files, nnlab::HashList libraries) {
  return std::make_shared<const nnlab::RunInputs>(
      nnlab::RunInputs{std::move(files), std::move(libraries), {}});
}

nnlab::RunHeader header(const std::string& id, RunStatus status, nnlab::HashList files,
                        nnlab::HashList libraries) {
  return {id, status, status == RunStatus::failed ? "plugin threw" : "", std::move(files),
          std::move(libraries)};
}

} // namespace

TEST_CASE("RunStanding: a changed file makes exactly the runs that read it stale",
          "[engine][stale]") {
  const std::vector specs{spec("r1"), spec("r2"), spec("r3"), spec("r4"), spec("r5")};
  const auto a = inputs({{"a.csv", A}}, {{"core", C}});
  const auto b_now = inputs({{"b.csv", B}}, {{"core", C}});
  const std::vector now{a, a, b_now, b_now, b_now};
  const std::vector<nnlab::RunHeader> stored{
      header("r1", RunStatus::done, {{"a.csv", A}}, {{"core", C}}),
      header("r2", RunStatus::diverged, {{"a.csv", A}}, {{"core", C}}),
      header("r3", RunStatus::done, {{"b.csv", A}}, {{"core", C}}),
      header("r4", RunStatus::failed, {{"b.csv", A}}, {{"core", C}}),
      header("other", RunStatus::done, {}, {})}; // not of this sweep: ignored
  const auto standing = nnlab::assess_sweep(specs, now, stored, {});
  REQUIRE(standing.runs.size() == 5);
  CHECK(standing.runs[0].state == RunState::done);
  CHECK(standing.runs[1].state == RunState::diverged);
  CHECK(standing.runs[2].state == RunState::stale);
  CHECK(standing.runs[2].why == std::vector<std::string>{"b.csv changed"});
  CHECK(standing.runs[3].state == RunState::failed); // retried anyway: failed wins
  CHECK(standing.runs[3].why == std::vector<std::string>{"plugin threw"});
  CHECK(standing.runs[4].state == RunState::missing);
  CHECK(standing.count(RunState::stale) == 1);
  CHECK(standing.count(RunState::missing) == 1);
  REQUIRE(standing.changes.size() == 1);
  CHECK(standing.changes[0].name == "b.csv");
  CHECK(standing.changes[0].what == "changed");
  CHECK(standing.changes[0].runs == 1);
}

TEST_CASE("RunStanding: a file gone is named, and runs stored before inputs were recorded are done",
          "[engine][stale]") {
  const std::vector specs{spec("r1"), spec("r2")};
  nnlab::RunInputs gone{{{"a.csv", ""}}, {}, {{"a.csv", "is missing", "x.yaml:2:3: ..."}}};
  const std::vector now{std::make_shared<const nnlab::RunInputs>(gone),
                        std::make_shared<const nnlab::RunInputs>(gone)};
  const std::vector<nnlab::RunHeader> stored{header("r1", RunStatus::done, {{"a.csv", A}}, {}),
                                             header("r2", RunStatus::done, {}, {})};
  const auto standing = nnlab::assess_sweep(specs, now, stored, {});
  CHECK(standing.runs[0].state == RunState::stale);
  CHECK(standing.runs[0].why == std::vector<std::string>{"a.csv is missing"});
  CHECK(standing.runs[1].state == RunState::done);
}

TEST_CASE("RunStanding: a rebuilt library is unverified until checked, then done or stale",
          "[engine][stale]") {
  const std::vector specs{spec("r1"), spec("r2"), spec("r3")};
  const auto now = inputs({{"a.csv", A}}, {{"core", C}, {"optimizer/step", B}});
  const auto changed_file = inputs({{"a.csv", B}}, {{"core", C}, {"optimizer/step", B}});
  const std::vector<nnlab::RunHeader> stored{
      header("r1", RunStatus::done, {{"a.csv", A}}, {{"core", C}, {"optimizer/step", A}}),
      header("r2", RunStatus::done, {{"a.csv", A}}, {{"core", C}, {"optimizer/step", A}}),
      header("r3", RunStatus::done, {{"a.csv", A}}, {{"core", C}, {"optimizer/step", A}})};
  const std::vector inputs_now{now, now, changed_file};
  nnlab::LibraryChecks checks;
  SECTION("not checked yet") {
    const auto standing = nnlab::assess_sweep(specs, inputs_now, stored, checks);
    CHECK(standing.runs[0].state == RunState::unverified);
    CHECK(standing.runs[0].why ==
          std::vector<std::string>{"optimizer/step rebuilt, not checked yet"});
    CHECK(standing.runs[2].state == RunState::stale); // a stale run is retrained anyway
    CHECK(standing.count(RunState::unverified) == 2);
    REQUIRE(standing.changes.size() == 2); // in the order first met: r1's library, r3's file
    CHECK(standing.changes[1].name == "a.csv");
    const auto& change = standing.changes[0];
    CHECK(change.name == "optimizer/step");
    CHECK(change.what == "unchecked");
    CHECK(change.runs == 2);
    CHECK(change.was == A);
    CHECK(change.now == B);
  }
  SECTION("checked: the same results") {
    checks.add({"optimizer/step", B, A, "r1", true, "", "2026-01-01T00:00:00Z"});
    const auto standing = nnlab::assess_sweep(specs, inputs_now, stored, checks);
    CHECK(standing.runs[0].state == RunState::done);
    CHECK(standing.runs[1].state == RunState::done);
    REQUIRE(standing.changes.size() == 2);
    CHECK(standing.changes[0].name == "optimizer/step");
    CHECK(standing.changes[0].what == "reproduces");
    CHECK(standing.changes[0].check.run == "r1");
    CHECK(standing.changes[0].runs == 3); // the stale run used that build too
  }
  SECTION("checked: other results") {
    checks.add({"optimizer/step", B, A, "r1", false, "weights W1", "2026-01-01T00:00:00Z"});
    const auto standing = nnlab::assess_sweep(specs, inputs_now, stored, checks);
    CHECK(standing.runs[0].state == RunState::stale);
    CHECK(standing.runs[0].why == std::vector<std::string>{"optimizer/step gives other results"});
    CHECK(standing.runs[2].why ==
          std::vector<std::string>{"a.csv changed", "optimizer/step gives other results"});
    CHECK(standing.count(RunState::stale) == 3);
  }
}
