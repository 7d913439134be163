#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include <signal.h>

#include "nnlab/storage/run_store.hpp"
#include "nnlab/train/checkpoint.hpp"
#include "support/runner_process.hpp"
#include "support/store_compare.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

// Interruption within a second (issue 19, item 3): SIGINT or SIGTERM in the middle of a run
// stops it at its next iteration, which saves a checkpoint whatever checkpoint_every says;
// the runner exits 128 + the signal; the same command resumes the run to the bits of an
// uninterrupted one. A second signal ends the runner at once and keeps the last checkpoint.

namespace {

const int iterations = 30000; // a second or more of the course's net: a signal lands mid-run

std::string long_runs(const std::string& seeds, const std::string& training = "") {
  return "model: {layers: [3, 2, 1]}\n"
         "optimizer: {plugin: momentum, momentum: 0.9, learning_rate: 0.05}\n"
         "training: {iterations: " +
         std::to_string(iterations) + training + "}\nseeds: " + seeds + "\n";
}

std::string args(const fs::path& yaml, const fs::path& out, const std::string& more) {
  return "'" + yaml.string() + "' --out '" + out.string() + "' --no-plots " + more;
}

/// The runner started in the background with its output in `log`, in a process of its own.
pid_t start(const std::string& arguments, const fs::path& log) {
  return nnlab::test::spawn_shell(nnlab::test::runner_path() + " " + arguments + " > '" +
                                  log.string() + "' 2>&1");
}

/// Whether the process `pid` still runs (an ended one is a zombie until waited for).
bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto close = line.rfind(')'); // "pid (comm) state ..."
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

/// Waits (up to a minute) until `ready` holds or the process `pid` has ended.
template <class Ready> void wait_for(pid_t pid, Ready ready) {
  for (int i = 0; i < 6000 && !ready() && alive(pid); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

std::string text_of(const fs::path& file) {
  return fs::exists(file) ? nnlab::test::read_text(file) : std::string();
}

/// The checkpoints left in a results folder, by file name.
std::vector<fs::path> checkpoints(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.path().extension() == ".h5") files.push_back(entry.path());
  return files;
}

std::size_t stored_runs(const fs::path& store) {
  return fs::exists(store) ? nnlab::RunStore::open_read_only(store).run_ids().size() : 0;
}

/// Interrupts a sweep of `runs` long runs with `signal` once they train, checks what it
/// leaves, resumes it and checks the store equals `reference`'s bit for bit.
void interrupt_and_resume(const fs::path& yaml, const fs::path& reference, const fs::path& out,
                          std::size_t runs, const std::string& jobs, int signal) {
  const fs::path log = out.string() + ".log";
  const pid_t pid = start(args(yaml, out, jobs), log);
  // The sweep opens its store's journal as its runs start; then they train.
  wait_for(pid, [&] { return fs::exists(out / "i/runs.h5.journal"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  REQUIRE(alive(pid));
  kill(pid, signal);
  CHECK(nnlab::test::wait_runner(pid) == 128 + signal);
  const std::string said = text_of(log);
  INFO(said);
  CHECK_THAT(said, Contains("runner: stopping: each run in progress saves a checkpoint at its "
                            "next iteration (again to quit at once)"));
  CHECK_THAT(said, Contains("interrupted: 0 of " + std::to_string(runs) + " runs are stored"));
  // Each run in progress saved where it stopped, mid-run, and none is in the store.
  const auto saved = checkpoints(out / "i/checkpoints");
  REQUIRE(saved.size() == runs);
  std::vector<arma::uword> stopped;
  for (const auto& file : saved) {
    const auto iteration = nnlab::read_checkpoint(file).iteration;
    CHECK(iteration > 0);
    CHECK(iteration < static_cast<arma::uword>(iterations));
    stopped.push_back(iteration);
  }
  CHECK(stored_runs(out / "i/runs.h5") == 0);

  const auto resumed = run_runner(args(yaml, out, jobs));
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  for (const auto iteration : stopped)
    CHECK_THAT(resumed.output,
               Contains("resumed from its checkpoint at iteration " + std::to_string(iteration)));
  CHECK(checkpoints(out / "i/checkpoints").empty());
  CHECK(nnlab::test::store_difference(reference / "i/runs.h5", out / "i/runs.h5") == "");
  CHECK(nnlab::test::h5diff_equal(reference / "i/runs.h5", out / "i/runs.h5"));
}

} // namespace

TEST_CASE("Interrupt: SIGINT or SIGTERM mid-run saves a checkpoint there, exits 130 or 143, "
          "and the rerun ends bit-identical",
          "[runner][interrupt]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("i.yaml", nnlab::test::xor_experiment("i", long_runs("[1]")));
  const auto reference = dir.path() / "reference";
  REQUIRE(run_runner(args(yaml, reference, "--jobs 1")).status == 0);
  const int signal = GENERATE(SIGINT, SIGTERM);
  CAPTURE(signal);
  interrupt_and_resume(yaml, reference, dir.path() / ("s" + std::to_string(signal)), 1, "--jobs 1",
                       signal);
}

TEST_CASE("Interrupt: under --jobs 2 both runs in progress stop, and the rerun ends "
          "bit-identical",
          "[runner][interrupt]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("i.yaml", nnlab::test::xor_experiment("i", long_runs("[1, 2]")));
  const auto reference = dir.path() / "reference";
  REQUIRE(run_runner(args(yaml, reference, "--jobs 2")).status == 0);
  interrupt_and_resume(yaml, reference, dir.path() / "jobs2", 2, "--jobs 2", SIGINT);
}

TEST_CASE("Interrupt: a second signal quits at once and keeps the last checkpoint",
          "[runner][interrupt]") {
  // Iterations of a wide net take long enough that the second signal arrives while the
  // first still waits for the iteration in progress to end.
  nnlab::test::TempDir dir;
  const auto yaml =
      dir.write("i.yaml", nnlab::test::xor_experiment("i", R"(model: {layers: [3, 1000, 1000, 1]}
optimizer: {plugin: momentum, momentum: 0.9, learning_rate: 0.05}
training: {iterations: 4, checkpoint_every: 1}
)"));
  const auto out = dir.path() / "twice";
  const fs::path log = dir.path() / "twice.log";
  const pid_t pid = start(args(yaml, out, "--jobs 1"), log);
  const fs::path folder = out / "i/checkpoints";
  wait_for(pid, [&] { return checkpoints(folder).size() == 1; });
  REQUIRE(alive(pid));
  kill(pid, SIGINT);
  wait_for(pid, [&] { return text_of(log).find("runner: stopping") != std::string::npos; });
  kill(pid, SIGINT);
  // Ended by the signal itself, as an unhandled SIGINT ends a program.
  CHECK(nnlab::test::wait_runner(pid) == -SIGINT);
  const auto kept = checkpoints(folder);
  REQUIRE(kept.size() == 1);
  const auto iteration = nnlab::read_checkpoint(kept[0]).iteration;
  CHECK(iteration >= 1);
  CHECK(iteration < 4);
  CHECK(stored_runs(out / "i/runs.h5") == 0);

  // The rerun continues from it to what an uninterrupted run stores.
  const auto resumed = run_runner(args(yaml, out, "--jobs 1"));
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  CHECK_THAT(resumed.output, Contains("resumed from its checkpoint at iteration"));
  REQUIRE(run_runner(args(yaml, dir.path() / "reference", "--jobs 1")).status == 0);
  CHECK(nnlab::test::store_difference(dir.path() / "reference/i/runs.h5", out / "i/runs.h5") == "");
}
