// Successive halving and Hyperband through the runner: the store holds pruned runs with
// their partial series, and it is the same store whatever --jobs, and after kill -9 and a
// rerun (mpirun: runner_mpi_test.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <thread>

#include <signal.h>
#include <sys/wait.h>

#include "nnlab/storage/run_store.hpp"
#include "support/plugins.hpp"
#include "support/runner_process.hpp"
#include "support/store_compare.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

namespace {

// 6 learning rates x 2 seeds; rungs 10, 30, 90: 12 runs at 10, the best 2 points (4 runs)
// at 30, the best one (2 runs) at 90.
std::string halving_body(const std::string& mode, int iterations = 90, int first = 10) {
  return "model: {layers: [3, 2, 1]}\n"
         "optimizer: {plugin: momentum, momentum: 0.9, learning_rate: 0.05}\n"
         "training: {iterations: " +
         std::to_string(iterations) +
         "}\n"
         "sweep:\n  mode: " +
         mode + "\n  min_iterations: " + std::to_string(first) +
         "\n  optimizer.learning_rate: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2]\n"
         "seeds: [1, 2]\n";
}

std::string args(const fs::path& yaml, const fs::path& out, const std::string& more = "") {
  return "'" + yaml.string() + "' --out '" + out.string() + "' --no-plots " + more;
}

std::map<nnlab::RunStatus, std::size_t> statuses(const fs::path& store) {
  std::map<nnlab::RunStatus, std::size_t> count;
  for (const auto& header : nnlab::RunStore::open_read_only(store).run_headers())
    ++count[header.status];
  return count;
}

bool no_checkpoints(const fs::path& folder) {
  std::error_code ec;
  return !fs::exists(folder) || fs::is_empty(folder, ec);
}

} // namespace

TEST_CASE("Halving: pruned runs keep their rung's series, and --jobs 1 and --jobs 2 store the "
          "same bits",
          "[runner][halving]") {
  const nnlab::test::TempDir dir;
  const auto yaml = dir.write("h.yaml", nnlab::test::xor_experiment("h", halving_body("halving")));
  const auto one = run_runner(args(yaml, dir.path() / "j1", "--jobs 1"));
  INFO(one.output);
  REQUIRE(one.status == 0);
  CHECK_THAT(one.output, Contains("halving: 12 runs at rung 10, 4 at 30, 2 at 90; 10 pruned; "
                                  "320 iterations trained, 30 % of the 1080 of the full grid"));
  CHECK_THAT(one.output, Contains("12 runs: 12 trained, 0 kept; 0 diverged, 0 failed"));
  CHECK_THAT(one.output, Contains("pruned at 10 (values there)"));
  const fs::path store = dir.path() / "j1/h/runs.h5";
  auto count = statuses(store);
  CHECK(count[nnlab::RunStatus::pruned] == 10);
  CHECK(count[nnlab::RunStatus::done] == 2);
  CHECK(no_checkpoints(dir.path() / "j1/h/checkpoints"));
  // A pruned run holds the series of the iterations it did, its weights and its status.
  const nnlab::RunStore runs = nnlab::RunStore::open_read_only(store);
  std::map<arma::uword, std::size_t> lengths;
  for (const auto& id : runs.run_ids()) {
    const nnlab::RunRecord record = runs.read_run(id);
    ++lengths[record.series.cost_test.n_elem];
    CHECK(record.iterations_done == record.series.cost_test.n_elem);
    CHECK_FALSE(record.weights.empty());
    if (record.status == nnlab::RunStatus::pruned)
      CHECK(record.message ==
            "at rung " + std::to_string(record.iterations_done) + " of successive halving");
  }
  CHECK(lengths == std::map<arma::uword, std::size_t>{{10, 8}, {30, 2}, {90, 2}});

  const auto two = run_runner(args(yaml, dir.path() / "j2", "--jobs 2"));
  INFO(two.output);
  REQUIRE(two.status == 0);
  CHECK(nnlab::test::store_difference(store, dir.path() / "j2/h/runs.h5") == "");
  CHECK(nnlab::test::h5diff_equal(store, dir.path() / "j2/h/runs.h5"));

  // A rerun trains nothing: the decisions replay from the store.
  const auto rerun = run_runner(args(yaml, dir.path() / "j1", "--jobs 2"));
  INFO(rerun.output);
  REQUIRE(rerun.status == 0);
  CHECK_THAT(rerun.output, Contains("12 runs: 0 trained, 12 kept"));
  CHECK(nnlab::test::store_difference(store, dir.path() / "j2/h/runs.h5") == "");

  // The same points as a grid: the finished runs are the grid's, bit for bit.
  const auto grid = run_runner(args(yaml, dir.path() / "grid", "--jobs 2 sweep.mode=grid"));
  REQUIRE(grid.status == 0);
  const nnlab::RunStore full = nnlab::RunStore::open_read_only(dir.path() / "grid/h/runs.h5");
  for (const auto& id : runs.run_ids()) {
    const nnlab::RunRecord pruned = runs.read_run(id), trained = full.read_run(id);
    const arma::uword n = pruned.iterations_done;
    CHECK(arma::approx_equal(pruned.series.cost_test, trained.series.cost_test.head(n), "absdiff",
                             0.0));
    if (pruned.status == nnlab::RunStatus::done)
      CHECK(
          arma::approx_equal(pruned.weights[0].second, trained.weights[0].second, "absdiff", 0.0));
  }
}

TEST_CASE("Halving: hyperband's brackets store the same bits under --jobs 1 and --jobs 2",
          "[runner][halving]") {
  const nnlab::test::TempDir dir;
  const auto yaml =
      dir.write("h.yaml", nnlab::test::xor_experiment("h", halving_body("hyperband")));
  const auto one = run_runner(args(yaml, dir.path() / "j1", "--jobs 1"));
  INFO(one.output);
  REQUIRE(one.status == 0);
  CHECK_THAT(one.output, Contains(" pruned; "));
  const auto two = run_runner(args(yaml, dir.path() / "j2", "--jobs 2"));
  REQUIRE(two.status == 0);
  CHECK(nnlab::test::store_difference(dir.path() / "j1/h/runs.h5", dir.path() / "j2/h/runs.h5") ==
        "");
  CHECK(nnlab::test::h5diff_equal(dir.path() / "j1/h/runs.h5", dir.path() / "j2/h/runs.h5"));
}

TEST_CASE("Halving: killed with SIGKILL at random moments, a rerun completes the same store",
          "[runner][halving]") {
  const nnlab::test::TempDir dir;
  // Longer runs, so that a kill lands inside a rung now and then.
  const auto yaml =
      dir.write("k.yaml", nnlab::test::xor_experiment("k", halving_body("halving", 2700, 300)));
  const fs::path reference = dir.path() / "reference/k/runs.h5";
  REQUIRE(run_runner(args(yaml, dir.path() / "reference", "--jobs 2")).status == 0);
  std::mt19937 random(Catch::rngSeed());
  int landed = 0;
  for (int trial = 0; trial < 3; ++trial) {
    const fs::path out = dir.path() / ("trial" + std::to_string(trial));
    // 18 records in all (12 + 4 + 2): kill after 0..16 of them and up to 20 ms more.
    const auto records = std::uniform_int_distribution<std::size_t>(0, 16)(random);
    const auto extra = std::uniform_int_distribution<int>(0, 20)(random);
    CAPTURE(trial, records, extra);
    const pid_t pid = nnlab::test::spawn_runner(args(yaml, out, "--jobs 2"));
    int status = 0;
    bool ended = false;
    while (nnlab::test::journal_runs(out / "k/runs.h5.journal") < records && !ended) {
      ended = waitpid(pid, &status, WNOHANG) == pid;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (!ended) {
      std::this_thread::sleep_for(std::chrono::milliseconds(extra));
      kill(pid, SIGKILL);
      landed += nnlab::test::wait_runner(pid) == -SIGKILL;
    }
    const auto resumed = run_runner(args(yaml, out, "--jobs 2"));
    INFO(resumed.output);
    REQUIRE(resumed.status == 0);
    CHECK(nnlab::test::store_difference(reference, out / "k/runs.h5") == "");
    CHECK(nnlab::test::h5diff_equal(reference, out / "k/runs.h5"));
    CHECK(no_checkpoints(out / "k/checkpoints"));
  }
  WARN(landed << " of 3 kills landed before the sweep finished");
}

TEST_CASE("Halving: experiments/halving.yaml finds the full grid's best point with at most "
          "40 % of its iterations",
          "[runner][halving]") {
  const nnlab::test::TempDir dir;
  const std::string file = (nnlab::test::source_dir() / "experiments/halving.yaml").string();
  const auto halving = run_runner("'" + file + "' --out '" + dir.path().string() + "' --no-plots");
  INFO(halving.output);
  REQUIRE(halving.status == 0);
  const auto grid = run_runner("'" + file + "' sweep.mode=grid name=halving_grid --out '" +
                               dir.path().string() + "' --no-plots");
  INFO(grid.output);
  REQUIRE(grid.status == 0);
  CHECK_THAT(halving.output, Contains("halving: 27 runs at rung 100, 9 at 300, 3 at 900; 24 "
                                      "pruned; 6300 iterations trained, 26 % of the 24300"));
  // The one point halving trains to the end is the grid's best by median final cost_valid.
  const auto best_point = [](const fs::path& store) {
    std::map<std::string, std::vector<double>> finals;
    const nnlab::RunStore runs = nnlab::RunStore::open_read_only(store);
    for (const auto& id : runs.run_ids()) {
      const nnlab::RunRecord record = runs.read_run(id);
      if (record.status == nnlab::RunStatus::done)
        finals[record.label].push_back(record.series.cost_valid.back());
    }
    std::string best;
    double lowest = std::numeric_limits<double>::infinity();
    for (auto& [label, values] : finals) {
      std::sort(values.begin(), values.end());
      if (values[values.size() / 2] < lowest) lowest = values[values.size() / 2], best = label;
    }
    return std::pair{best, finals.size()};
  };
  const auto [halving_best, finished] = best_point(dir.path() / "halving/runs.h5");
  const auto [grid_best, points] = best_point(dir.path() / "halving_grid/runs.h5");
  CHECK(finished == 1);
  CHECK(points == 9);
  CHECK(halving_best == grid_best);
  CHECK(halving_best == "learning_rate=0.3");
}
