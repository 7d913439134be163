// tpe sweeps end to end: the same proposals and store at any --jobs, after a kill -9 in a
// round, and a history plot of the search.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <regex>
#include <thread>

#include <signal.h>
#include <sys/wait.h>

#include "nnlab/storage/final_value.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/runner_process.hpp"
#include "support/store_compare.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// 3 warm-up points, then 2 rounds of 2 proposals, each point with 2 seeds: 14 runs.
const std::string tpe_body = R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: momentum, learning_rate: 0.05, momentum: 0.9}
training: {iterations: 150}
sweep:
  mode: tpe
  warmup: 3
  batch: 2
  rounds: 2
  optimizer.learning_rate: {loguniform: [0.01, 1]}
  optimizer.momentum: {uniform: [0.5, 0.95]}
  optimizer: [{plugin: momentum}, {plugin: nesterov}]
seeds: [1, 2]
)";

std::string args(const fs::path& yaml, const fs::path& out, const std::string& more = "") {
  return "'" + yaml.string() + "' --out '" + out.string() + "' --no-plots " + more;
}

// The proposed points in the order the store numbers them (one label per point).
std::vector<std::string> labels(const fs::path& store_file) {
  const auto store = nnlab::RunStore::open_read_only(store_file);
  std::vector<std::pair<std::size_t, std::string>> runs;
  for (const auto& id : store.run_ids()) {
    const auto record = store.read_run(id);
    runs.emplace_back(record.index, record.label);
  }
  std::sort(runs.begin(), runs.end());
  std::vector<std::string> points;
  for (std::size_t r = 0; r < runs.size(); r += 2)
    points.push_back(runs[r].second);
  return points;
}

} // namespace

TEST_CASE("Tpe: --jobs 1 and --jobs 2 propose the same points and store the same runs",
          "[runner][tpe]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("tpe.yaml", nnlab::test::xor_experiment("tpe", tpe_body));
  const auto one = nnlab::test::run_runner(args(yaml, dir.path() / "one", "--jobs 1"));
  INFO(one.output);
  REQUIRE(one.status == 0);
  const auto two = nnlab::test::run_runner(args(yaml, dir.path() / "two", "--jobs 2"));
  REQUIRE(two.status == 0);
  CHECK_THAT(one.output, Contains("tpe round 0 of 2: warm-up, 3 random point(s)"));
  CHECK_THAT(one.output, Contains("tpe round 2 of 2: 2 proposed point(s)"));
  CHECK_THAT(one.output, Contains("tpe: best cost_test so far "));
  CHECK_THAT(one.output, Contains("14 runs: 14 trained, 0 kept"));
  const auto a = dir.path() / "one/tpe/runs.h5", b = dir.path() / "two/tpe/runs.h5";
  const auto points = labels(a);
  CHECK(points.size() == 7);
  CHECK(points == labels(b));
  CHECK(nnlab::test::store_difference(a, b) == "");
  CHECK(nnlab::test::h5diff_equal(a, b));
  // The best-so-far line of each round is the same too.
  const std::regex best("tpe: best cost_test so far [^\n]*");
  std::vector<std::string> lines_one, lines_two;
  for (std::sregex_iterator it(one.output.begin(), one.output.end(), best), end; it != end; ++it)
    lines_one.push_back(it->str());
  for (std::sregex_iterator it(two.output.begin(), two.output.end(), best), end; it != end; ++it)
    lines_two.push_back(it->str());
  CHECK(lines_one.size() == 3); // after each round
  CHECK(lines_one == lines_two);

  // Run again: every round is found in the store, nothing trains, the same points.
  const auto again = nnlab::test::run_runner(args(yaml, dir.path() / "one", "--jobs 2"));
  REQUIRE(again.status == 0);
  CHECK_THAT(again.output, Contains("14 runs: 0 trained, 14 kept"));
  CHECK(labels(a) == points);
}

TEST_CASE("Tpe: killed with SIGKILL inside a round of proposals, a rerun ends with the "
          "uninterrupted store",
          "[runner][tpe]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("tpe.yaml", nnlab::test::xor_experiment("tpe", tpe_body));
  // Longer runs (~40 ms), so that the kill lands inside round 1 on a loaded machine too.
  const std::string longer = "training.iterations=1000";
  const auto reference = dir.path() / "reference";
  REQUIRE(nnlab::test::run_runner(args(yaml, reference, "--jobs 2 " + longer)).status == 0);
  const auto out = dir.path() / "killed";
  const pid_t pid = nnlab::test::spawn_runner(args(yaml, out, "--jobs 1 " + longer));
  // The 6 warm-up runs are stored, then round 1's first: kill.
  const auto stored = [&]() -> std::size_t {
    try {
      return nnlab::RunStore::open_read_only(out / "tpe/runs.h5").run_ids().size();
    } catch (const std::exception&) {
      return 0; // not yet there, or a file renamed under the reader: look again
    }
  };
  int status = 0;
  bool finished = false;
  while (!finished && stored() < 7) {
    finished = waitpid(pid, &status, WNOHANG) == pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE_FALSE(finished);
  kill(pid, SIGKILL);
  REQUIRE(nnlab::test::wait_runner(pid) == -SIGKILL);
  const std::size_t kept = stored();
  CHECK(kept >= 7);
  CHECK(kept < 10); // round 2 had not started
  const auto resumed = nnlab::test::run_runner(args(yaml, out, "--jobs 2 " + longer));
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  CHECK(nnlab::test::store_difference(reference / "tpe/runs.h5", out / "tpe/runs.h5") == "");
}

TEST_CASE("Tpe: the history plot shows the search's best so far", "[runner][tpe]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("tpe.yaml", nnlab::test::xor_experiment("tpe", tpe_body));
  REQUIRE(nnlab::test::run_runner(args(yaml, dir.path(), "--jobs 2")).status == 0);
  const auto plot =
      nnlab::test::run_runner("plot '" + (dir.path() / "tpe/runs.h5").string() +
                              "' --kind history --out '" + (dir.path() / "plots").string() + "'");
  INFO(plot.output);
  REQUIRE(plot.status == 0);
  CHECK(fs::file_size(dir.path() / "plots/history-cost_test.png") > 1000);
}

TEST_CASE("Tpe: an accuracy monitor is maximised", "[runner][tpe]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("tpe.yaml", nnlab::test::xor_experiment("tpe", tpe_body));
  // The warm-up alone: its best point by the median test accuracy over both seeds.
  const auto run = nnlab::test::run_runner(
      args(yaml, dir.path(),
           "sweep.rounds=0 sweep.warmup=6 training.iterations=1000 sweep.monitor=accuracy_test"));
  INFO(run.output);
  REQUIRE(run.status == 0);
  const auto store = nnlab::RunStore::open_read_only(dir.path() / "tpe/runs.h5");
  std::map<std::string, std::vector<double>> accuracy; // label -> by seed
  for (const auto& id : store.run_ids()) {
    const auto record = store.read_run(id);
    // Its final value: the stored net's, as tpe observes it.
    accuracy[record.label].push_back(
        nnlab::run_final_value(record, nnlab::series_named("accuracy_test")));
  }
  REQUIRE(accuracy.size() == 6);
  double best = 0.0, worst = 1.0;
  for (const auto& [label, values] : accuracy) {
    best = std::max(best, 0.5 * (values[0] + values[1]));
    worst = std::min(worst, 0.5 * (values[0] + values[1]));
  }
  REQUIRE(worst < best); // the points differ: the minimum would be another line
  char expected[64];
  std::snprintf(expected, sizeof expected, "tpe: best accuracy_test so far %.4g (median", best);
  CHECK_THAT(run.output, Contains(expected));
}
