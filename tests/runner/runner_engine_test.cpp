#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <regex>
#include <thread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nnlab/core/sha256.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/plugins.hpp"
#include "support/runner_process.hpp"
#include "support/store_compare.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

namespace {

// 8 runs of the course's net: two optimizers x two precisions x two seeds, checkpointed so
// a kill can also land between checkpoints of a run. float32 runs are reproducible as
// float64 ones are, whatever the threads, kills and resumes.
const std::string sweep_body = R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: sgd, learning_rate: 0.05}
training: {iterations: 300, checkpoint_every: 100}
sweep:
  optimizer: [{plugin: sgd}, {plugin: momentum, momentum: 0.9}]
  model.precision: [float64, float32]
seeds: [1, 2]
)";

std::string args(const fs::path& yaml, const fs::path& out, const std::string& more = "") {
  return "'" + yaml.string() + "' --out '" + out.string() + "' --no-plots " + more;
}

// Kills the runner with SIGKILL once `runs` runs are in its journal plus `extra` seconds:
// a random moment of the sweep that does not depend on how loaded the machine is. Returns
// whether the kill landed before the runner had finished.
bool kill_during(pid_t pid, const fs::path& journal, std::size_t runs, double extra) {
  int status = 0;
  while (nnlab::test::journal_runs(journal) < runs) {
    if (waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(extra));
  kill(pid, SIGKILL);
  return nnlab::test::wait_runner(pid) == -SIGKILL;
}

// Kills a sweep of 8 runs with SIGKILL at random moments (after 0..5 finished runs plus
// up to half a run's time), reruns it, and checks the result equals an uninterrupted sweep.
// Returns how many kills landed before the sweep had finished.
int kill_and_resume(int trials) {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("kill.yaml", nnlab::test::xor_experiment("kill", sweep_body));
  const auto reference = dir.path() / "reference";
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(run_runner(args(yaml, reference, "--jobs 2")).status == 0);
  const double run_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 4;

  std::mt19937 random(Catch::rngSeed());
  int interrupted = 0;
  for (int trial = 0; trial < trials; ++trial) {
    const auto out = dir.path() / ("trial" + std::to_string(trial));
    // Two workers finish runs in pairs: after 6 runs the last two may be nearly done.
    const auto runs = std::uniform_int_distribution<std::size_t>(0, 5)(random);
    const auto extra = std::uniform_real_distribution<double>(0.0, run_seconds / 2)(random);
    CAPTURE(trial, runs, extra);
    const pid_t pid = nnlab::test::spawn_runner(args(yaml, out, "--jobs 2"));
    interrupted += kill_during(pid, out / "kill/runs.h5.journal", runs, extra);
    const auto resumed = run_runner(args(yaml, out, "--jobs 2"));
    INFO(resumed.output);
    REQUIRE(resumed.status == 0);
    CHECK(nnlab::test::store_difference(reference / "kill/runs.h5", out / "kill/runs.h5") == "");
  }
  return interrupted;
}

} // namespace

TEST_CASE("Engine: --jobs 1 and --jobs 2 give bit-identical stores", "[runner][engine]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("jobs.yaml", nnlab::test::xor_experiment("jobs", sweep_body));
  REQUIRE(run_runner(args(yaml, dir.path() / "one", "--jobs 1")).status == 0);
  REQUIRE(run_runner(args(yaml, dir.path() / "two", "--jobs 2")).status == 0);
  const auto a = dir.path() / "one/jobs/runs.h5", b = dir.path() / "two/jobs/runs.h5";
  CHECK(nnlab::RunStore::open_read_only(a).run_ids().size() == 8);
  CHECK(nnlab::test::store_difference(a, b) == "");
  CHECK(nnlab::test::h5diff_equal(a, b));
}

TEST_CASE("Engine: a bigger sweep reproduces the runs it shares with a smaller one",
          "[runner][engine]") {
  nnlab::test::TempDir dir;
  const std::string small = "model: {layers: [3, 2, 1]}\noptimizer: {plugin: sgd, "
                            "learning_rate: 0.1}\ntraining: {iterations: 50}\nseeds: [1]\n";
  const auto a = dir.write("small.yaml", nnlab::test::xor_experiment("s", small));
  REQUIRE(run_runner(args(a, dir.path() / "small")).status == 0);
  // The same experiment widened on the command line: more rates, more seeds.
  const auto big = run_runner(
      args(a, dir.path() / "big", "'sweep.optimizer.learning_rate=[0.05,0.1]' 'seeds=[1,2]'"));
  INFO(big.output);
  REQUIRE(big.status == 0);
  const auto small_store = nnlab::RunStore::open_read_only(dir.path() / "small/s/runs.h5");
  const auto big_store = nnlab::RunStore::open_read_only(dir.path() / "big/s/runs.h5");
  REQUIRE(small_store.run_ids().size() == 1);
  REQUIRE(big_store.run_ids().size() == 4);
  const auto id = small_store.run_ids().front();
  const auto x = small_store.read_run(id), y = big_store.read_run(id);
  CHECK(arma::approx_equal(x.series.cost_train, y.series.cost_train, "absdiff", 0.0));
  CHECK(arma::approx_equal(x.weights[0].second, y.weights[0].second, "absdiff", 0.0));
}

TEST_CASE("Engine: killed with SIGKILL at random moments, a rerun completes the same store",
          "[runner][engine][kill]") {
  CHECK(kill_and_resume(3) >= 2); // the kills land inside the sweep
}

TEST_CASE("Engine: 20 random SIGKILLs each resume to the uninterrupted result",
          "[.slow][runner][engine][kill]") {
  CHECK(kill_and_resume(20) >= 15); // the kills land inside the sweep
}

TEST_CASE("Engine: SIGINT and SIGTERM stop at a run boundary and say how to resume",
          "[runner][engine]") {
  // A batch system's SIGTERM (Slurm's scancel, a timeout) must act as Ctrl-C does.
  const int signal = GENERATE(SIGINT, SIGTERM);
  INFO("signal " << signal);
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("int.yaml", nnlab::test::xor_experiment("int", sweep_body));
  const auto out = dir.path() / "r";
  const pid_t pid = nnlab::test::spawn_runner(args(yaml, out, "--jobs 1"));
  // Wait for the first run to reach the store's journal, then interrupt.
  const auto journal = out / "int/runs.h5.journal";
  for (int i = 0; i < 600 && (!fs::exists(journal) || fs::is_empty(journal)); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  kill(pid, signal);
  CHECK(nnlab::test::wait_runner(pid) == 128 + signal);
  const auto kept = nnlab::RunStore::open_read_only(out / "int/runs.h5").run_ids().size();
  CHECK(kept >= 1);
  CHECK(kept < 8);
  const auto rest = run_runner(args(yaml, out));
  INFO(rest.output);
  REQUIRE(rest.status == 0);
  CHECK(nnlab::RunStore::open_read_only(out / "int/runs.h5").run_ids().size() == 8);
}

TEST_CASE("Engine: diverged and failing runs are stored and the sweep goes on",
          "[runner][engine]") {
  nnlab::test::TempDir dir;
  const auto yaml =
      dir.write("bad.yaml", nnlab::test::xor_experiment("bad", R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: sgd, learning_rate: 0.05}
training: {iterations: 30}
sweep:
  optimizer:
    - {plugin: sgd}
    - {plugin: sabotage, mode: throw, after: 5}
    - {plugin: sabotage, mode: nan, after: 7}
)"));
  const auto fixtures = fs::path(NNLAB_TEST_FIXTURE_DIR) / "sabotage";
  const auto out = run_runner(args(yaml, dir.path() / "r", "--plugin-path " + fixtures.string()));
  INFO(out.output);
  CHECK(out.status == 1); // a failed run makes the exit status 1
  CHECK_THAT(out.output, Contains("3 runs: 3 trained, 0 kept; 1 diverged, 1 failed"));
  CHECK_THAT(out.output, Contains("sabotage: step 6"));
  const auto store = nnlab::RunStore::open_read_only(dir.path() / "r/bad/runs.h5");
  std::map<std::string, std::pair<nnlab::RunStatus, arma::uword>> by_label;
  for (const auto& id : store.run_ids()) {
    const auto run = store.read_run(id);
    by_label[run.label] = {run.status, run.iterations_done};
    // Every run, failed ones too, says when it started and ended (ISO 8601 UTC, ms).
    const std::regex timestamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
    CHECK(std::regex_match(run.start_time, timestamp));
    CHECK(std::regex_match(run.end_time, timestamp));
    CHECK(run.start_time <= run.end_time);
  }
  CHECK(by_label["sgd"] == std::make_pair(nnlab::RunStatus::done, arma::uword{30}));
  CHECK(by_label["sabotage(mode=throw, after=5)"].first == nnlab::RunStatus::failed);
  // Step 8 writes NaN: iteration 9's cost is NaN, the 8 finite ones are kept.
  CHECK(by_label["sabotage(mode=nan, after=7)"] ==
        std::make_pair(nnlab::RunStatus::diverged, arma::uword{8}));
  CHECK_THAT(out.output, Contains("cost became nan (train) / nan (test) at iteration 9"));
  // Failed runs are retried on the next run; done and diverged ones are kept.
  const auto again = run_runner(args(yaml, dir.path() / "r", "--plugin-path " + fixtures.string()));
  CHECK_THAT(again.output, Contains("1 trained, 2 kept"));
}

TEST_CASE("Engine: validate prints the run table and trains nothing", "[runner][engine]") {
  const auto out =
      run_runner("validate '" + (nnlab::test::source_dir() / "experiments/momentum.yaml").string() +
                 "' training.iterations=10");
  INFO(out.output);
  REQUIRE(out.status == 0);
  CHECK_THAT(out.output, Contains("27 run(s) = 9 sweep point(s) x 3 seed(s); all valid"));
  CHECK_THAT(out.output, Contains("optimizer") && Contains("learning_rate") &&
                             Contains("nesterov(momentum=0.9)"));
  CHECK(std::count(out.output.begin(), out.output.end(), '\n') == 27 + 3);
  CHECK_THAT(out.output, !Contains("results:"));
}

TEST_CASE("Engine: verify re-executes stored runs and catches a changed one", "[runner][engine]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("v.yaml", nnlab::test::xor_experiment("v", R"(model: {layers: [3, 1]}
optimizer: {plugin: momentum, momentum: 0.9, learning_rate: 0.05}
training: {iterations: 60}
seeds: [1, 2, 3]
)"));
  REQUIRE(run_runner(args(yaml, dir.path() / "r")).status == 0);
  const auto store = dir.path() / "r/v/runs.h5";
  const auto ok = run_runner("verify '" + store.string() + "' --runs 2");
  INFO(ok.output);
  CHECK(ok.status == 0);
  CHECK_THAT(ok.output, Contains("reproduced bit for bit (60 iterations)") &&
                            Contains("verified 2 of 3 run(s): 2 reproduced, 0 differ"));

  // Tamper with one stored run (as a different build or a bug would): verify says where.
  {
    auto writer = nnlab::RunStore::open(store, nnlab::RunStore::open_read_only(store).header());
    auto run = writer.read_run(writer.run_ids().front());
    run.series.cost_train[41] += 1e-12;
    writer.write_run(run);
    writer.publish();
  }
  const auto bad = run_runner("verify '" + store.string() + "'");
  INFO(bad.output);
  CHECK(bad.status == 1);
  CHECK_THAT(bad.output,
             Contains("DIFFERS: cost_train at iteration 42") && Contains("2 reproduced, 1 differ"));
}

TEST_CASE("Engine: the store records the command line, versions and each plugin's SHA-256",
          "[runner][engine]") {
  nnlab::test::TempDir dir;
  const auto yaml =
      dir.write("prov.yaml", nnlab::test::xor_experiment("prov", R"(model: {layers: [3, 1]}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 5}
sweep:
  optimizer: [{plugin: sgd}, {plugin: momentum, momentum: 0.5}]
)"));
  REQUIRE(run_runner(args(yaml, dir.path() / "r") + " training.iterations=6").status == 0);
  const auto store = nnlab::RunStore::open_read_only(dir.path() / "r/prov/runs.h5");
  const auto header = store.header();
  std::map<std::string, std::string> attrs(header.attributes.begin(), header.attributes.end());
  CHECK(header.experiment_yaml == nnlab::test::read_text(yaml));
  CHECK_THAT(attrs["command_line"], Contains("prov.yaml") && Contains("training.iterations=6"));
  CHECK(std::regex_match(attrs["git_commit"], std::regex("[0-9a-f]{40}(-dirty)?|unknown")));
  CHECK(std::regex_match(attrs["compiler"], std::regex("(g\\+\\+|clang) .+")));
  CHECK(std::regex_match(attrs["hdf5_version"], std::regex("1\\.\\d+\\.\\d+")));
  CHECK(std::regex_match(attrs["boost_version"], std::regex("1_\\d+")));
  CHECK(std::regex_match(attrs["armadillo_version"], std::regex("\\d+\\.\\d+\\.\\d+ .*")));
  CHECK_THAT(attrs["openblas_version"], Contains("OpenBLAS"));
  CHECK_FALSE(attrs["host"].empty());
  CHECK(attrs["experiment_seed"] == "42");
  // Every plugin used, once, with the SHA-256 of the library loaded.
  const std::string& plugins = attrs["plugins"];
  const fs::path folder = NNLAB_TEST_PLUGIN_DIR;
  for (const std::string name :
       {"dataset/csv", "loss/binary_cross_entropy", "optimizer/momentum", "optimizer/sgd"}) {
    CAPTURE(name, plugins);
    const std::string kind = name.substr(0, name.find('/'));
    const fs::path file = folder / ("nnlab_" + kind + "_" + name.substr(kind.size() + 1) + ".so");
    CHECK_THAT(plugins, Contains(name + ": {file: " + file.string() +
                                 ", sha256: " + nnlab::sha256_file(file) + "}"));
  }
  CHECK(std::count(plugins.begin(), plugins.end(), '\n') == 4);
  // Each run: when it started and ended, how long, how many iterations.
  for (const auto& id : store.run_ids()) {
    const auto run = store.read_run(id);
    CHECK(run.iterations_done == 6);
    CHECK(run.wall_time_s > 0.0);
    CHECK(run.start_time <= run.end_time);
    // The dataset's names, so that outputs and inputs can be read without the data.
    CHECK(run.class_names == std::vector<std::string>{"0", "1"});
    CHECK(run.feature_names == std::vector<std::string>{"x1", "x2"});
  }
}

TEST_CASE("Engine: every shipped experiment validates", "[runner][engine][experiments]") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(nnlab::test::source_dir() / "experiments"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 7);
  CHECK(std::find(files.begin(), files.end(),
                  nnlab::test::source_dir() / "experiments" / "iris.yaml") != files.end());
  for (const auto& file : files) {
    CAPTURE(file);
    const auto out = run_runner("validate '" + file.string() + "'");
    INFO(out.output);
    CHECK(out.status == 0);
    CHECK_THAT(out.output, Contains("all valid"));
  }
}
