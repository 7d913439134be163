#include <catch2/catch.hpp>

#include "framework/storage/store_checks.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/report/run_reference.hpp"
#include "support/temp_dir.hpp"

namespace {
using namespace nnlab;
using Catch::Matchers::Equals;

// A store of three runs numbered 1, 2, 3 (stored indexes 0, 1, 2), two of whose ids share
// the prefix "3f1".
std::filesystem::path three_runs(const test::TempDir& dir) {
  const auto file = dir.path() / "runs.h5";
  std::vector<RunRecord> runs;
  const char* const ids[] = {"3f1a000000000000", "3f1b000000000000", "9c20000000000000"};
  for (std::size_t i = 0; i < 3; ++i) {
    runs.push_back(test::make_run(ids[i], RunStatus::done, 2));
    runs.back().index = i;
  }
  test::write_and_publish(file, runs);
  return file;
}

} // namespace

TEST_CASE("RunReference: STORE:RUN splits at the last colon", "[report]") {
  const RunReference plain = parse_run_reference("results/xor/runs.h5:3f1a");
  CHECK(plain.store == "results/xor/runs.h5");
  CHECK(plain.run == "3f1a");
  const RunReference colon = parse_run_reference("/data/run:1/runs.h5:2");
  CHECK(colon.store == "/data/run:1/runs.h5");
  CHECK(colon.run == "2");
}

TEST_CASE("RunReference: no colon, no store or no run is a usage error", "[report]") {
  const auto text = GENERATE(as<std::string>{}, "runs.h5", "runs.h5:", ":3f1a");
  CAPTURE(text);
  CHECK_THROWS_MATCHES(parse_run_reference(text), ConfigError,
                       Catch::Matchers::Message(
                           "command line: '" + text +
                           "': expected STORE:RUN (RUN: a run id, a unique prefix of one, or "
                           "the run number runner validate shows), e.g. results/xor/runs.h5:1"));
}

TEST_CASE("RunReference: a run is found by id, unique prefix or run number", "[report]") {
  const test::TempDir dir;
  const RunStore store = RunStore::open_read_only(three_runs(dir));
  CHECK(resolve_run(store, "3f1b000000000000") == "3f1b000000000000");
  CHECK(resolve_run(store, "3f1a") == "3f1a000000000000");
  CHECK(resolve_run(store, "9c2") == "9c20000000000000");
  CHECK(resolve_run(store, "1") == "3f1a000000000000");
  CHECK(resolve_run(store, "3") == "9c20000000000000");
}

TEST_CASE("RunReference: unknown, ambiguous or out of range runs name what exists", "[report]") {
  const test::TempDir dir;
  const RunStore store = RunStore::open_read_only(three_runs(dir));
  const std::string file = store.file().string();
  CHECK_THROWS_WITH(resolve_run(store, "abcd"),
                    Equals(file + ": no run 'abcd'; expected a run id, a unique prefix or a "
                                  "run number; known: 3f1a000000000000, 3f1b000000000000, "
                                  "9c20000000000000"));
  CHECK_THROWS_WITH(resolve_run(store, "3f1"),
                    Equals(file + ": run prefix '3f1' is ambiguous: 3f1a000000000000, "
                                  "3f1b000000000000; give more characters"));
  CHECK_THROWS_WITH(resolve_run(store, "4"),
                    Equals(file + ": no run number 4 (as runner validate numbers runs); "
                                  "known: 1, 2, 3"));
}
