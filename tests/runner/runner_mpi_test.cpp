// The sweep under mpirun (ctest label mpi): rank 0 stores, the other ranks train, and the
// store is the one a single process writes, bit for bit. Hidden from the unit suite ([.]).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nnlab/storage/run_store.hpp"
#include "nnlab/train/checkpoint.hpp"
#include "support/plugins.hpp"
#include "support/runner_process.hpp"
#include "support/store_compare.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// 12 runs: two optimizers x two precisions x three seeds (float32 runs as reproducible as
// float64 ones across ranks).
const std::string sweep_body = R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: sgd, learning_rate: 0.05}
training: {iterations: 400}
sweep:
  optimizer: [{plugin: sgd}, {plugin: momentum, momentum: 0.9}]
  model.precision: [float64, float32]
seeds: [1, 2, 3]
)";

/// mpirun with `ranks` processes on this machine, more than its cores if need be; shared
/// memory without the cross-process copy that containers often forbid (ptrace).
std::string mpirun(int ranks) {
  return "mpirun -np " + std::to_string(ranks) +
         " --oversubscribe --mca btl_vader_single_copy_mechanism none" +
         (geteuid() == 0 ? " --allow-run-as-root" : "") + " " + nnlab::test::runner_path();
}

std::string args(const fs::path& yaml, const fs::path& out, const std::string& more = "") {
  return " '" + yaml.string() + "' --out '" + out.string() + "' --no-plots " + more;
}

/// The processes started by `pid`, and theirs: mpirun's ranks (in process groups of
/// their own, so kill(-pid) does not reach them).
std::vector<pid_t> descendants(pid_t pid) {
  std::vector<pid_t> found{pid};
  for (std::size_t i = 0; i < found.size(); ++i)
    for (const auto& entry : fs::directory_iterator("/proc")) {
      const std::string name = entry.path().filename().string();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      std::ifstream stat(entry.path() / "stat");
      std::string line;
      std::getline(stat, line);
      const auto close = line.rfind(')'); // "pid (comm) state ppid ..."
      if (close == std::string::npos) continue;
      std::istringstream rest(line.substr(close + 2));
      char state = 0;
      pid_t parent = 0;
      rest >> state >> parent;
      if (parent == found[i]) found.push_back(static_cast<pid_t>(std::stoi(name)));
    }
  found.erase(found.begin());
  return found;
}

bool running(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("State:", 0) == 0) return line.find('Z') == std::string::npos;
  return false;
}

/// SIGKILL to mpirun and every rank at once, as a power cut or `kill -9` of the job would
/// do; returns once all are gone.
void kill_job(pid_t mpirun) {
  kill(mpirun, SIGSTOP); // no new processes while the tree is read
  const std::vector<pid_t> ranks = descendants(mpirun);
  for (const pid_t rank : ranks)
    kill(rank, SIGKILL);
  kill(-mpirun, SIGKILL);
  nnlab::test::wait_runner(mpirun);
  for (const pid_t rank : ranks)
    while (running(rank))
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

/// Starts `mpirun -np 3` on the sweep and returns once `runs` runs are in its journal, the
/// job still running (12 runs take far longer than storing a few).
pid_t start_job(const fs::path& yaml, const fs::path& out, std::size_t runs) {
  const pid_t job = nnlab::test::spawn_shell(mpirun(3) + args(yaml, out));
  const fs::path journal = out / "mpi/runs.h5.journal";
  int status = 0;
  bool finished = false;
  while (nnlab::test::journal_runs(journal) < runs && !finished) {
    finished = waitpid(job, &status, WNOHANG) == job;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  REQUIRE_FALSE(finished);
  return job;
}

} // namespace

TEST_CASE("MpiSweep: 2 and 3 ranks store what one process stores bit for bit", "[.mpi]") {
  const nnlab::test::TempDir dir;
  const auto yaml = dir.write("mpi.yaml", nnlab::test::xor_experiment("mpi", sweep_body));
  const auto single = nnlab::test::run_runner(args(yaml, dir.path() / "one", "--jobs 2"));
  INFO(single.output);
  REQUIRE(single.status == 0);
  const fs::path reference = dir.path() / "one/mpi/runs.h5";
  for (const auto& [ranks, jobs] : {std::pair{2, "1"}, std::pair{3, "2"}}) {
    CAPTURE(ranks, jobs);
    const fs::path out = dir.path() / ("np" + std::to_string(ranks));
    const auto run =
        nnlab::test::run_shell(mpirun(ranks) + args(yaml, out, "--jobs " + std::string(jobs)));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, Contains("12 to train on " + std::to_string(ranks - 1) +
                                    " worker rank(s) x " + jobs + " thread(s)"));
    CHECK_THAT(run.output, Contains("12 runs: 12 trained, 0 kept; 0 diverged, 0 failed"));
    CHECK(nnlab::test::store_difference(reference, out / "mpi/runs.h5").empty());
    CHECK(nnlab::test::h5diff_equal(reference, out / "mpi/runs.h5"));
  }
}

TEST_CASE("MpiSweep: a job killed mid-sweep resumes to the same store", "[.mpi]") {
  const nnlab::test::TempDir dir;
  const auto yaml = dir.write("mpi.yaml", nnlab::test::xor_experiment("mpi", sweep_body));
  const fs::path out = dir.path() / "killed";
  kill_job(start_job(yaml, out, 3));

  const auto resumed = nnlab::test::run_shell(mpirun(3) + args(yaml, out));
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  CHECK_THAT(resumed.output, Contains(" kept; 0 diverged, 0 failed"));
  const auto single = nnlab::test::run_runner(args(yaml, dir.path() / "one"));
  REQUIRE(single.status == 0);
  CHECK(nnlab::test::store_difference(dir.path() / "one/mpi/runs.h5", out / "mpi/runs.h5").empty());
}

TEST_CASE("MpiSweep: a worker rank that dies aborts the job and a rerun resumes to the same "
          "store",
          "[.mpi]") {
  const nnlab::test::TempDir dir;
  const auto yaml = dir.write("mpi.yaml", nnlab::test::xor_experiment("mpi", sweep_body));
  const fs::path out = dir.path() / "died";
  const auto started = std::chrono::steady_clock::now();
  const pid_t job = start_job(yaml, out, 2);
  // A worker rank (not rank 0, which stores) dies, as an out-of-memory kill or a node
  // failure would end it.
  std::vector<pid_t> ranks;
  pid_t worker = 0;
  for (const pid_t p : descendants(job)) {
    std::ifstream variables("/proc/" + std::to_string(p) + "/environ");
    std::string rank;
    for (std::string entry; std::getline(variables, entry, '\0');)
      if (entry.rfind("OMPI_COMM_WORLD_RANK=", 0) == 0) rank = entry.substr(21);
    if (rank.empty()) continue;
    ranks.push_back(p);
    if (rank != "0") worker = p;
  }
  REQUIRE(ranks.size() == 3);
  REQUIRE(worker != 0);
  kill(worker, SIGKILL);
  // mpirun ends the job, with a failure status, instead of waiting on the dead rank.
  const int ended = nnlab::test::wait_runner(job);
  CHECK(ended != 0);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(120));
  for (const pid_t rank : ranks)
    while (running(rank))
      std::this_thread::sleep_for(std::chrono::milliseconds(5));

  const auto resumed = nnlab::test::run_shell(mpirun(3) + args(yaml, out));
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  CHECK_THAT(resumed.output, Contains(" kept; 0 diverged, 0 failed"));
  CHECK_THAT(resumed.output, !Contains(" 0 kept;"));
  const auto single = nnlab::test::run_runner(args(yaml, dir.path() / "one"));
  REQUIRE(single.status == 0);
  CHECK(nnlab::test::store_difference(dir.path() / "one/mpi/runs.h5", out / "mpi/runs.h5").empty());
}

TEST_CASE("MpiSweep: a failing run fails alone and a bad experiment stops every rank once",
          "[.mpi]") {
  const nnlab::test::TempDir dir;
  const auto yaml =
      dir.write("bad.yaml", nnlab::test::xor_experiment("bad", R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: sgd, learning_rate: 0.05}
training: {iterations: 30}
sweep:
  optimizer: [{plugin: sgd}, {plugin: sabotage, mode: throw, after: 5}]
seeds: [1, 2]
)"));
  const auto fixtures = fs::path(NNLAB_TEST_FIXTURE_DIR) / "sabotage";
  const auto run = nnlab::test::run_shell(
      mpirun(3) + args(yaml, dir.path() / "r", "--plugin-path " + fixtures.string()));
  INFO(run.output);
  CHECK(run.status == 1); // a failed run makes the exit status 1, as without MPI
  CHECK_THAT(run.output, Contains("4 runs: 4 trained, 0 kept; 0 diverged, 2 failed"));

  const auto typo =
      dir.write("typo.yaml", nnlab::test::xor_experiment("typo", R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: sgd, learning_rate: 0.05}
trainig: {iterations: 30}
)"));
  const auto bad = nnlab::test::run_shell(mpirun(3) + args(typo, dir.path() / "r"));
  INFO(bad.output);
  CHECK(bad.status == 2);
  const std::string line = "trainig: unknown key; did you mean 'training'?";
  const auto first = bad.output.find(line);
  REQUIRE(first != std::string::npos);
  CHECK(bad.output.find(line, first + 1) == std::string::npos); // said once, by rank 0
  CHECK_FALSE(fs::exists(dir.path() / "r/typo"));
}

TEST_CASE("MpiSweep: a SIGINT to rank 0 stops the runs on every rank and a rerun resumes to the "
          "same store",
          "[.mpi]") {
  // A launcher or batch system may signal rank 0 alone: rank 0 forwards the stop, each
  // worker stops its runs at their next iteration and saves a checkpoint there.
  const nnlab::test::TempDir dir;
  const auto yaml =
      dir.write("mpi.yaml", nnlab::test::xor_experiment("mpi", R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: momentum, momentum: 0.9, learning_rate: 0.05}
training: {iterations: 60000}
seeds: [1, 2]
)"));
  const fs::path out = dir.path() / "stopped";
  const pid_t job = nnlab::test::spawn_shell(mpirun(3) + args(yaml, out));
  for (int i = 0; i < 6000 && !fs::exists(out / "mpi/runs.h5.journal"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  pid_t coordinator = 0;
  for (const pid_t p : descendants(job)) {
    std::ifstream variables("/proc/" + std::to_string(p) + "/environ");
    for (std::string entry; std::getline(variables, entry, '\0');)
      if (entry == "OMPI_COMM_WORLD_RANK=0") coordinator = p;
  }
  REQUIRE(coordinator != 0);
  kill(coordinator, SIGINT);
  CHECK(nnlab::test::wait_runner(job) == 130); // mpirun passes rank 0's status on
  std::size_t saved = 0;
  for (const auto& entry : fs::directory_iterator(out / "mpi/checkpoints")) {
    if (entry.path().extension() != ".h5") continue;
    ++saved; // a worker's run stopped mid-run, where rank 0's stop reached it
    const auto iteration = nnlab::read_checkpoint(entry.path()).iteration;
    CHECK(iteration > 0);
    CHECK(iteration < 60000);
  }
  // Usually both; on a loaded machine a worker may not have started its run yet (it then
  // starts none and reports it unfinished).
  CHECK(saved >= 1);
  CHECK(saved <= 2);
  const bool stored = fs::exists(out / "mpi/runs.h5") &&
                      !nnlab::RunStore::open_read_only(out / "mpi/runs.h5").run_ids().empty();
  CHECK_FALSE(stored); // no run finished

  const auto resumed = nnlab::test::run_shell(mpirun(3) + args(yaml, out));
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  CHECK_THAT(resumed.output, Contains("2 runs: 2 trained, 0 kept; 0 diverged, 0 failed"));
  CHECK(fs::is_empty(out / "mpi/checkpoints")); // taken up and removed
  const auto single = nnlab::test::run_runner(args(yaml, dir.path() / "one"));
  REQUIRE(single.status == 0);
  CHECK(nnlab::test::store_difference(dir.path() / "one/mpi/runs.h5", out / "mpi/runs.h5").empty());
  CHECK(nnlab::test::h5diff_equal(dir.path() / "one/mpi/runs.h5", out / "mpi/runs.h5"));
}

TEST_CASE("MpiSweep: a tpe sweep proposes and stores under 2 and 3 ranks what one process "
          "does",
          "[.mpi]") {
  const nnlab::test::TempDir dir;
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
seeds: [1, 2]
)";
  const auto yaml = dir.write("tpe.yaml", nnlab::test::xor_experiment("tpe", tpe_body));
  const auto single = nnlab::test::run_runner(args(yaml, dir.path() / "one", "--jobs 2"));
  INFO(single.output);
  REQUIRE(single.status == 0);
  const fs::path reference = dir.path() / "one/tpe/runs.h5";
  for (const auto& [ranks, jobs] : {std::pair{2, "1"}, std::pair{3, "2"}}) {
    CAPTURE(ranks, jobs);
    const fs::path out = dir.path() / ("np" + std::to_string(ranks));
    const auto run =
        nnlab::test::run_shell(mpirun(ranks) + args(yaml, out, "--jobs " + std::string(jobs)));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, Contains("tpe round 2 of 2: 2 proposed point(s)"));
    CHECK_THAT(run.output, Contains("14 runs: 14 trained, 0 kept; 0 diverged, 0 failed"));
    CHECK(nnlab::test::store_difference(reference, out / "tpe/runs.h5").empty());
    CHECK(nnlab::test::h5diff_equal(reference, out / "tpe/runs.h5"));
    // Run again: every round found in the store, the ranks finish together.
    const auto again =
        nnlab::test::run_shell(mpirun(ranks) + args(yaml, out, "--jobs " + std::string(jobs)));
    REQUIRE(again.status == 0);
    CHECK_THAT(again.output, Contains("14 runs: 0 trained, 14 kept"));
  }
}
