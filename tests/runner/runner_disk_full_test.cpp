#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "nnlab/storage/run_store.hpp"
#include "support/runner_process.hpp"
#include "support/store_compare.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

namespace {

// Four runs of the course's net, trained for `iterations` each.
std::string sweep_body(const std::string& iterations) {
  return R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: sgd, learning_rate: 0.05}
training: {iterations: 50}
sweep:
  training.iterations: )" + iterations + "\n";
}

std::string args(const fs::path& yaml, const fs::path& out) {
  return "'" + yaml.string() + "' --out '" + out.string() + "' --no-plots --jobs 1";
}

// The runner with every file it writes limited to `kib` KiB (RLIMIT_FSIZE) and SIGXFSZ
// ignored, so a write past the limit fails with EFBIG as a full disk fails with ENOSPC.
nnlab::test::Outcome run_limited(const std::string& runner_args, int kib) {
  return nnlab::test::run_shell("bash -c \"trap '' XFSZ; ulimit -f " + std::to_string(kib) +
                                "; exec " + nnlab::test::runner_path() + " " + runner_args +
                                "\"");
}

std::vector<std::string> error_lines(const std::string& output) {
  std::vector<std::string> lines;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);)
    if (line.find("error") != std::string::npos || line.find("H5") != std::string::npos)
      lines.push_back(line);
  return lines;
}

std::size_t leftover_tmp_files(const fs::path& folder) {
  return static_cast<std::size_t>(
      std::count_if(fs::recursive_directory_iterator(folder), fs::recursive_directory_iterator(),
                    [](const auto& entry) { return entry.path().extension() == ".tmp"; }));
}

// Runs the sweep with files limited to 100 KiB, checks the one error line and what is kept,
// then resumes without the limit and checks the store equals an uninterrupted sweep's.
// Returns the error line.
std::string stop_and_resume(const std::string& iterations, std::size_t kept) {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("full.yaml", nnlab::test::xor_experiment("full", sweep_body(iterations)));
  REQUIRE(run_runner(args(yaml, dir.path() / "reference")).status == 0);
  const auto out = dir.path() / "r";
  const auto store = out / "full/runs.h5";

  const auto full = run_limited(args(yaml, out), 100);
  INFO(full.output);
  CHECK(full.status == 1);
  const auto errors = error_lines(full.output);
  REQUIRE(errors.size() == 1); // one line, no HDF5 noise
  CHECK_THAT(errors[0], Contains(": File too large; the sweep stopped with " +
                                 std::to_string(kept) + " of 4 runs stored: make room and run "
                                 "the same command again to resume"));
  CHECK(nnlab::RunStore::open_read_only(store).run_ids().size() == kept);
  CHECK(leftover_tmp_files(out) == 0);

  const auto rest = run_runner(args(yaml, out));
  INFO(rest.output);
  REQUIRE(rest.status == 0);
  CHECK_THAT(rest.output, Contains(std::to_string(4 - kept) + " trained, " +
                                   std::to_string(kept) + " kept"));
  CHECK(nnlab::test::store_difference(dir.path() / "reference/full/runs.h5", store) == "");
  return errors[0];
}

} // namespace

TEST_CASE("Faults: a write error while a run is stored stops the sweep, the runs before stay",
          "[runner][engine][faults]") {
  // The third run (4000 iterations, a ~130 KB file) is the only one past the limit.
  const auto error = stop_and_resume("[50, 60, 4000, 70]", 2);
  CHECK_THAT(error, Contains("runner: error: "));
  CHECK_THAT(error, Contains("full/runs.h5.journal/"));
  CHECK_THAT(error, Contains(".h5.tmp: write: File too large"));
}

TEST_CASE("Faults: a write error while runs are merged into runs.h5 loses none",
          "[runner][engine][faults]") {
  // Every run's file fits (~15 KB); merging the four into runs.h5 needs more room.
  const auto error = stop_and_resume("[50, 60, 70, 80]", 4);
  CHECK_THAT(error, Contains("full/runs.h5.tmp: reserve "));
}
