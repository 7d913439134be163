#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include "framework/storage/store_checks.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/temp_dir.hpp"

// Crash safety with real kills: a forked writer runs a sweep into a store and is killed with
// SIGKILL at a random moment; the store must then open and hold every run whose write_run
// had returned, bit for bit, and rerunning must go on from there.

namespace {
using namespace nnlab;
using namespace nnlab::test;
namespace fs = std::filesystem;

constexpr arma::uword iterations = 500; // 16 KB of series per run: writes take a while
constexpr int max_delay_ms = 300;

std::string run_id(int i) {
  return numbered_run(i, 0).id;
}

/// The writer, in the child: resumes the sweep run-0, run-1, ... in the store (skipping the
/// completed runs, as the engine does) and publishes after every `publish_every` runs.
/// Tells the parent on `out`: "o" once open, "w <i>" once write_run(i) returned, "p" and "P"
/// around publish, "error <what>" if it fails. Never returns: _exit keeps the child out of
/// Catch's and the parent's cleanup.
[[noreturn]] void writer(const fs::path& file, int publish_every, int out) {
  const auto say = [&](const std::string& line) {
    const std::string text = line + "\n";
    for (std::size_t done = 0; done < text.size();) {
      const ssize_t n = ::write(out, text.data() + done, text.size() - done);
      if (n <= 0) ::_exit(4);
      done += static_cast<std::size_t>(n);
    }
  };
  try {
    RunStore store = RunStore::open(file, store_header);
    say("o");
    const std::set<std::string> completed = store.completed_run_ids();
    for (int i = 0, written = 0;; ++i) {
      if (completed.count(run_id(i))) continue;
      store.write_run(numbered_run(i, iterations));
      say("w " + std::to_string(i));
      if (++written % publish_every == 0) {
        say("p");
        store.publish();
        say("P");
      }
    }
  } catch (const std::exception& e) {
    say(std::string("error ") + e.what());
  }
  ::_exit(3);
}

/// What a killed writer had said: the runs it wrote, and where the kill found it.
struct Report {
  std::vector<int> written;
  std::string killed_in = "open";
  std::string error;
};

Report parse(const std::string& text) {
  Report report;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line == "o" || line == "P") report.killed_in = "write_run";
    if (line == "p") report.killed_in = "publish";
    if (line.starts_with("w ")) report.written.push_back(std::stoi(line.substr(2)));
    if (line.starts_with("error ")) report.error = line;
  }
  return report;
}

/// Forks a writer and kills it with SIGKILL after `delay_ms`.
Report kill_writer_after(const fs::path& file, int publish_every, int delay_ms) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    writer(file, publish_every, fds[1]);
  }
  ::close(fds[1]);
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  ::kill(pid, SIGKILL);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  const Report report = parse(text);
  CAPTURE(report.error);
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)); // not stopped by an error
  return report;
}

/// Kills writers of one store `trials` times, each after a random delay drawn from Catch's
/// generator (--rng-seed replays a failure). After every kill the store opens and holds the
/// sweep's first runs with no gap, each bit for bit, including every run reported written.
void kill_trials(int trials, int publish_every) {
  const test::TempDir dir;
  const auto file = dir.path() / "results" / "xor" / "runs.h5";
  std::uniform_int_distribution<int> delay(0, max_delay_ms);
  int reported = 0; // runs 0 .. reported-1 were reported written
  for (int trial = 0; trial < trials; ++trial) {
    const int delay_ms = delay(Catch::rng());
    const Report report = kill_writer_after(file, publish_every, delay_ms);
    for (const int i : report.written)
      reported = std::max(reported, i + 1);
    CAPTURE(publish_every, trial, delay_ms, report.killed_in, report.written.size());
    const RunStore store = RunStore::open(file, store_header); // repairs what the kill left
    const std::vector<std::string> ids = store.run_ids();
    REQUIRE(ids.size() >= static_cast<std::size_t>(reported));
    std::set<std::string> expected;
    for (int i = 0; i < static_cast<int>(ids.size()); ++i)
      expected.insert(run_id(i));
    REQUIRE(std::set<std::string>(ids.begin(), ids.end()) == expected);
    for (int i = 0; i < static_cast<int>(ids.size()); ++i) {
      CAPTURE(i);
      check_same(store.read_run(run_id(i)), numbered_run(i, iterations));
    }
    CHECK_FALSE(fs::exists(fs::path(file) += ".tmp"));
    CHECK(fs::is_empty(fs::path(file) += ".journal"));
  }
}

} // namespace

TEST_CASE("RunStore: SIGKILL at a random moment loses no finished run", "[storage]") {
  const int publish_every = GENERATE(3, 1); // 1: most kills land inside publish
  kill_trials(3, publish_every);
}

TEST_CASE("RunStore: SIGKILL at a random moment, 20 times, loses no finished run",
          "[.slow][storage]") {
  const int publish_every = GENERATE(3, 1);
  kill_trials(20, publish_every);
}
