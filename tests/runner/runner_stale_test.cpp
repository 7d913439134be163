#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <map>
#include <random>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>

#include "nnlab/core/sha256.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/plugins.hpp"
#include "support/runner_process.hpp"
#include "support/store_compare.hpp"
#include "support/temp_dir.hpp"

// Inputs are part of a result: a rerun retrains the runs whose data or weights file changed
// (and only those), checks a rebuilt plugin once by re-executing one of its runs, and says
// what it did in one line per change; --keep-stale keeps such runs.

using Catch::Matchers::Contains;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

namespace {

const fs::path fixtures = NNLAB_TEST_FIXTURE_DIR;

/// A folder with two copies of the XOR data (a_*.csv, b_*.csv) and `name`.yaml beside them:
/// a sweep over both datasets, `body` adding model, optimizer, training, sweep and seeds.
struct Sweep {
  nnlab::test::TempDir dir;
  fs::path yaml, out, store;

  Sweep(const std::string& name, const std::string& body) {
    const fs::path data = nnlab::test::source_dir() / "data";
    for (const char* set : {"a", "b"}) {
      fs::copy_file(data / "xor_train.csv", dir.path() / (std::string(set) + "_train.csv"));
      fs::copy_file(data / "xor_test.csv", dir.path() / (std::string(set) + "_test.csv"));
    }
    yaml = dir.write(name + ".yaml", "name: " + name + "\nseed: 42\n" +
                                         "dataset: {plugin: csv, train: a_train.csv, "
                                         "test: a_test.csv}\n"
                                         "loss: {plugin: binary_cross_entropy}\n" +
                                         body);
    out = dir.path() / "results";
    store = out / name / "runs.h5";
  }

  nnlab::test::Outcome run(const std::string& more = "") const {
    return run_runner("'" + yaml.string() + "' --out '" + out.string() + "' --no-plots --jobs 2 " +
                      more);
  }
  nnlab::test::Outcome status(const std::string& more = "") const {
    return run_runner("status '" + yaml.string() + "' --out '" + out.string() + "' " + more);
  }
  /// Every label of a training file flipped: the same file name, other data.
  void flip_labels(const std::string& file) const {
    const std::string text = nnlab::test::read_text(dir.path() / file);
    std::string flipped;
    for (std::size_t start = 0, end; start < text.size(); start = end + 1) {
      end = text.find('\n', start);
      std::string line = text.substr(start, end - start);
      if (start > 0 && !line.empty()) line.back() = line.back() == '0' ? '1' : '0';
      flipped += line + "\n";
    }
    dir.write(file, flipped);
  }
};

const std::string two_datasets = R"(model: {layers: [3, 1]}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 40}
sweep:
  dataset:
    - {plugin: csv, train: a_train.csv, test: a_test.csv}
    - {plugin: csv, train: b_train.csv, test: b_test.csv}
seeds: [1, 2]
)";

bool same_bits(const arma::mat& a, const arma::mat& b) {
  return a.n_rows == b.n_rows && a.n_cols == b.n_cols &&
         std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0;
}

/// Whether two stored runs have the same results to the bit (timing aside).
bool same_results(const nnlab::RunRecord& a, const nnlab::RunRecord& b) {
  if (a.status != b.status || a.weights.size() != b.weights.size()) return false;
  for (std::size_t i = 0; i < a.weights.size(); ++i)
    if (!same_bits(a.weights[i].second, b.weights[i].second)) return false;
  return same_bits(a.series.cost_train, b.series.cost_train) &&
         same_bits(a.series.cost_test, b.series.cost_test);
}

std::map<std::string, nnlab::RunRecord> runs_of(const fs::path& store) {
  std::map<std::string, nnlab::RunRecord> runs;
  const auto opened = nnlab::RunStore::open_read_only(store);
  for (const auto& id : opened.run_ids())
    runs.emplace(id, opened.read_run(id));
  return runs;
}

/// The dataset a stored run read: "a" or "b".
std::string dataset_of(const nnlab::RunRecord& run) {
  return run.config_yaml.find("b_train.csv") != std::string::npos ? "b" : "a";
}

} // namespace

TEST_CASE("Stale: a changed data file makes a rerun retrain exactly the runs that read it",
          "[runner][stale]") {
  const Sweep sweep("two", two_datasets);
  REQUIRE(sweep.run().status == 0);
  const auto before = runs_of(sweep.store);
  REQUIRE(before.size() == 4);
  // Each run records the SHA-256 of the files it read, by the names the experiment wrote.
  for (const auto& [id, run] : before) {
    const std::string set = dataset_of(run);
    CHECK(run.inputs ==
          nnlab::HashList{
              {set + "_train.csv", nnlab::sha256_file(sweep.dir.path() / (set + "_train.csv"))},
              {set + "_test.csv", nnlab::sha256_file(sweep.dir.path() / (set + "_test.csv"))}});
    CHECK(run.libraries.size() == 4);
  }

  sweep.flip_labels("b_train.csv");
  const auto status = sweep.status();
  INFO(status.output);
  CHECK(status.status == 0);
  CHECK_THAT(status.output, Contains("4 runs: 2 done, 2 stale\n") &&
                                Contains("b_train.csv changed since 2 runs were stored\n") &&
                                Contains("a rerun trains 2 runs (2 stale); --keep-stale keeps "
                                         "the stale ones\n"));
  for (const auto& [id, run] : before)
    CHECK_THAT(status.output,
               Contains(id) && Contains(dataset_of(run) == "b" ? "stale       b_train.csv changed\n"
                                                               : "done\n"));

  const auto rerun = sweep.run();
  INFO(rerun.output);
  REQUIRE(rerun.status == 0);
  CHECK_THAT(rerun.output,
             Contains("\nb_train.csv changed since 2 runs were stored: retraining them\n") &&
                 Contains("(4 runs: 2 trained, 2 kept;"));
  const auto after = runs_of(sweep.store);
  for (const auto& [id, run] : before) {
    CAPTURE(id, dataset_of(run));
    const bool b = dataset_of(run) == "b";
    CHECK(same_results(run, after.at(id)) == !b); // a's runs kept to the bit
    CHECK((run.inputs == after.at(id).inputs) == !b);
  }
  // The retrained runs are those a fresh sweep on the new data makes.
  Sweep fresh("two", two_datasets);
  fresh.flip_labels("b_train.csv");
  REQUIRE(fresh.run().status == 0);
  CHECK(nnlab::test::store_difference(fresh.store, sweep.store) == "");
  CHECK_THAT(sweep.status().output,
             Contains("4 runs: 4 done\n") && Contains("a rerun trains 0 runs\n"));
}

TEST_CASE("Stale: --keep-stale keeps the runs of a changed file and says so", "[runner][stale]") {
  const Sweep sweep("keep", two_datasets);
  REQUIRE(sweep.run().status == 0);
  const auto before = runs_of(sweep.store);
  sweep.flip_labels("b_test.csv");
  const auto kept = sweep.run("--keep-stale");
  INFO(kept.output);
  REQUIRE(kept.status == 0);
  CHECK_THAT(
      kept.output,
      Contains("\nb_test.csv changed since 2 runs were stored: keeping them (--keep-stale)\n") &&
          Contains("(4 runs: 0 trained, 4 kept;"));
  for (const auto& [id, run] : runs_of(sweep.store))
    CHECK(same_results(run, before.at(id)));
  CHECK_THAT(sweep.status().output, Contains("4 runs: 2 done, 2 stale\n"));
}

TEST_CASE("Stale: a changed weights file of model.init makes its runs stale", "[runner][stale]") {
  nnlab::test::TempDir dir;
  const auto weights = dir.write("w.csv", "W1,0.5,0.25\nb1,0.125\n");
  const Sweep sweep("init",
                    R"(model: {layers: [1], init: {kind: file, path: )" + weights.string() + R"(}}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 20}
seeds: [1, 2]
)");
  REQUIRE(sweep.run().status == 0);
  CHECK(runs_of(sweep.store).begin()->second.inputs.back() ==
        std::pair{weights.string(), nnlab::sha256_file(weights)});
  dir.write("w.csv", "W1,0.5,0.25\nb1,-0.125\n");
  CHECK_THAT(sweep.status().output, Contains("2 runs: 0 done, 2 stale\n") &&
                                        Contains(weights.string() + " changed since 2 runs"));
  const auto rerun = sweep.run();
  INFO(rerun.output);
  CHECK_THAT(rerun.output,
             Contains(weights.string() + " changed since 2 runs were stored: retraining them\n") &&
                 Contains("(2 runs: 2 trained, 0 kept;"));
}

namespace {

const std::string step_sweep = R"(model: {layers: [3, 1]}
optimizer: {plugin: step, learning_rate: 0.1}
training: {iterations: 40}
sweep:
  optimizer: [{plugin: step}, {plugin: sgd}]
seeds: [1, 2]
)";

std::string with_plugins(const std::string& build) {
  return "--plugin-path '" + (fixtures / build).string() + "'";
}

std::string library_checks(const fs::path& store) {
  return nnlab::RunStore::open_read_only(store).header().attribute("library_checks");
}

} // namespace

TEST_CASE("Stale: a rebuilt plugin with the same results keeps every run, checked once",
          "[runner][stale]") {
  // rebuilt_a and rebuilt_b: the same source built twice, byte-different libraries.
  REQUIRE(nnlab::sha256_file(fixtures / "rebuilt_a/nnlab_optimizer_step.so") !=
          nnlab::sha256_file(fixtures / "rebuilt_b/nnlab_optimizer_step.so"));
  const Sweep sweep("rebuilt", step_sweep);
  REQUIRE(sweep.run(with_plugins("rebuilt_a")).status == 0);
  const auto before = runs_of(sweep.store);

  const auto status = sweep.status(with_plugins("rebuilt_b"));
  INFO(status.output);
  CHECK_THAT(status.output,
             Contains("  step       unverified  optimizer/step rebuilt, not checked yet\n") &&
                 Contains("4 runs: 2 done, 2 unverified\n") &&
                 Contains("optimizer/step rebuilt since 2 runs were stored: not checked yet (the "
                          "next rerun re-executes one of them)\n"));

  const auto rerun = sweep.run(with_plugins("rebuilt_b"));
  INFO(rerun.output);
  REQUIRE(rerun.status == 0);
  CHECK_THAT(rerun.output,
             Contains("\noptimizer/step rebuilt since 2 runs were stored: re-executed run 1 (") &&
                 Contains("): reproduced bit for bit: keeping them\n") &&
                 Contains("(4 runs: 0 trained, 4 kept;"));
  for (const auto& [id, run] : runs_of(sweep.store))
    CHECK(same_results(run, before.at(id)));
  CHECK_THAT(library_checks(sweep.store), Contains("reproduced: true"));

  // Checked once: the next rerun neither re-executes nor retrains, and status says why.
  const auto again = sweep.run(with_plugins("rebuilt_b"));
  CHECK_THAT(again.output, !Contains("rebuilt since") && !Contains("re-executed") &&
                               Contains("(4 runs: 0 trained, 4 kept;"));
  const auto done = sweep.status(with_plugins("rebuilt_b"));
  INFO(done.output);
  CHECK_THAT(done.output, Contains("4 runs: 4 done\n") &&
                              Contains("optimizer/step rebuilt since 2 runs were stored: same "
                                       "results (run "));
}

TEST_CASE("Stale: a rebuilt plugin with other results makes the runs that used it stale",
          "[runner][stale]") {
  const Sweep sweep("other", step_sweep);
  REQUIRE(sweep.run(with_plugins("rebuilt_a")).status == 0);
  const auto before = runs_of(sweep.store);

  const auto kept = sweep.run(with_plugins("other_results") + " --keep-stale");
  INFO(kept.output);
  REQUIRE(kept.status == 0);
  CHECK_THAT(kept.output,
             Contains("\noptimizer/step rebuilt since 2 runs were stored: re-executed run 1 (") &&
                 Contains("): differs (cost_train at iteration ") &&
                 Contains(" now): keeping them (--keep-stale)\n") &&
                 Contains("(4 runs: 0 trained, 4 kept;"));
  const auto status = sweep.status(with_plugins("other_results"));
  INFO(status.output);
  CHECK_THAT(status.output,
             Contains("  step       stale       optimizer/step gives other results\n") &&
                 Contains("4 runs: 2 done, 2 stale\n") &&
                 Contains("optimizer/step rebuilt since 2 runs were stored: gives other results "
                          "(run "));
  // The same for scripts: the library, both hashes, and the re-execution that decided.
  const auto json = sweep.status(with_plugins("other_results") + " --json");
  REQUIRE(json.status == 0);
  const auto doc = nlohmann::json::parse(json.output);
  CHECK(doc["counts"]["stale"] == 2);
  CHECK(doc["to_train"] == 2);
  REQUIRE(doc["changes"].size() == 1);
  const auto& change = doc["changes"][0];
  CHECK(change["name"] == "optimizer/step");
  CHECK(change["kind"] == "library");
  CHECK(change["what"] == "gives other results");
  CHECK(change["runs"] == 2);
  CHECK(change["was"] == nnlab::sha256_file(fixtures / "rebuilt_a/nnlab_optimizer_step.so"));
  CHECK(change["now"] == nnlab::sha256_file(fixtures / "other_results/nnlab_optimizer_step.so"));
  CHECK(change["check"]["reproduced"] == false);
  CHECK_THAT(change["check"]["difference"].get<std::string>(),
             Contains("cost_train at iteration "));
  CHECK(std::regex_match(change["check"]["run"].get<std::string>(), std::regex("[0-9a-f]{16}")));
  CHECK(std::regex_match(change["check"]["checked"].get<std::string>(),
                         std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")));

  const auto rerun = sweep.run(with_plugins("other_results"));
  INFO(rerun.output);
  REQUIRE(rerun.status == 0);
  CHECK_THAT(rerun.output,
             Contains("\noptimizer/step rebuilt since 2 runs were stored: gives other results "
                      "(run ") &&
                 Contains(" differed): retraining them\n") &&
                 Contains("(4 runs: 2 trained, 2 kept;"));
  const auto after = runs_of(sweep.store);
  for (const auto& [id, run] : before)
    CHECK(same_results(run, after.at(id)) == (run.label == "sgd"));
  Sweep fresh("other", step_sweep);
  REQUIRE(fresh.run(with_plugins("other_results")).status == 0);
  CHECK(nnlab::test::store_difference(fresh.store, sweep.store) == "");
}

namespace {

// Kills the runner with SIGKILL once `runs` runs are in its journal plus `extra` seconds.
// Returns whether the kill landed before the runner had finished.
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

} // namespace

TEST_CASE("Stale: killed with SIGKILL while stale runs retrain, a rerun ends as a fresh sweep",
          "[runner][stale][kill]") {
  const std::string body = R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 300, checkpoint_every: 100}
sweep:
  dataset:
    - {plugin: csv, train: a_train.csv, test: a_test.csv}
    - {plugin: csv, train: b_train.csv, test: b_test.csv}
  optimizer.learning_rate: [0.05, 0.1]
seeds: [1, 2]
)";
  Sweep fresh("kill", body);
  fresh.flip_labels("b_train.csv");
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(fresh.run().status == 0);
  const double run_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 4;

  std::mt19937 random(Catch::rngSeed());
  int interrupted = 0;
  for (int trial = 0; trial < 3; ++trial) {
    const Sweep sweep("kill", body);
    REQUIRE(sweep.run().status == 0);
    sweep.flip_labels("b_train.csv"); // 4 of the 8 runs are stale now
    const auto runs = std::uniform_int_distribution<std::size_t>(0, 3)(random);
    const auto extra = std::uniform_real_distribution<double>(0.0, run_seconds / 2)(random);
    CAPTURE(trial, runs, extra);
    const pid_t pid = nnlab::test::spawn_runner("'" + sweep.yaml.string() + "' --out '" +
                                                sweep.out.string() + "' --no-plots --jobs 2");
    interrupted += kill_during(pid, sweep.out / "kill/runs.h5.journal", runs, extra);
    // The store opens, holds every run (old or new), and the rerun finishes the job.
    CHECK(nnlab::RunStore::open_read_only(sweep.store).run_ids().size() == 8);
    const auto resumed = sweep.run();
    INFO(resumed.output);
    REQUIRE(resumed.status == 0);
    CHECK(nnlab::test::store_difference(fresh.store, sweep.store) == "");
    CHECK_THAT(sweep.status().output, Contains("8 runs: 8 done\n"));
  }
  CHECK(interrupted >= 2); // the kills land inside the rerun
}
