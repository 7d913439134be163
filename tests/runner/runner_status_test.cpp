#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "nnlab/core/sha256.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/plugins.hpp"
#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"

// runner status: every run of a sweep as done, stale (and why), missing, failed or
// diverged, as a table and as JSON, from the store's attributes; it trains and writes
// nothing.

using Catch::Matchers::Contains;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

namespace {

/// Every entry under `folder` with its SHA-256 (folders by name): what "writes nothing"
/// is checked against.
std::map<std::string, std::string> snapshot(const fs::path& folder) {
  std::map<std::string, std::string> entries;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    entries[fs::relative(entry.path(), folder).string()] =
        entry.is_directory() ? "folder" : nnlab::sha256_file(entry.path());
  return entries;
}

/// A sweep of 2 datasets x 3 optimizers (sgd; one that throws: failed; one that writes NaN:
/// diverged) over seed 1, stored; then b's training file changes.
struct Mixed {
  nnlab::test::TempDir dir;
  fs::path yaml, out;
  std::string plugin_path;

  Mixed() {
    const fs::path data = nnlab::test::source_dir() / "data";
    for (const char* set : {"a", "b"}) {
      fs::copy_file(data / "xor_train.csv", dir.path() / (std::string(set) + "_train.csv"));
      fs::copy_file(data / "xor_test.csv", dir.path() / (std::string(set) + "_test.csv"));
    }
    yaml = dir.write("mixed.yaml", R"(name: mixed
seed: 42
dataset: {plugin: csv, train: a_train.csv, test: a_test.csv}
model: {layers: [3, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 20}
sweep:
  dataset:
    - {plugin: csv, train: a_train.csv, test: a_test.csv}
    - {plugin: csv, train: b_train.csv, test: b_test.csv}
  optimizer:
    - {plugin: sgd}
    - {plugin: sabotage, mode: throw, after: 3}
    - {plugin: sabotage, mode: nan, after: 4}
seeds: [1]
)");
    out = dir.path() / "results";
    plugin_path =
        "--plugin-path '" + (fs::path(NNLAB_TEST_FIXTURE_DIR) / "sabotage").string() + "'";
    const auto first = run("'" + yaml.string() + "' --no-plots --quiet");
    REQUIRE(first.status == 1); // the failed runs
    dir.write("b_train.csv", nnlab::test::read_text(data / "xor_train.csv") + "0.5,0.5,1\n");
  }

  nnlab::test::Outcome run(const std::string& args) const {
    return run_runner(args + " --out '" + out.string() + "' " + plugin_path);
  }
};

} // namespace

TEST_CASE("Status: done, stale with why, missing, failed and diverged, and what a rerun trains",
          "[runner][status]") {
  const Mixed mixed;
  const auto before = snapshot(mixed.dir.path());
  // A second seed on the command line: its 6 runs are missing.
  const auto out = mixed.run("status '" + mixed.yaml.string() + "' 'seeds=[1,2]'");
  INFO(out.output);
  REQUIRE(out.status == 0);
  CHECK(snapshot(mixed.dir.path()) == before); // trains nothing, writes nothing
  const auto row = [](const std::string& dataset, const std::string& optimizer,
                      const std::string& seed, const std::string& rest) {
    return std::regex("\n +[0-9]+  [0-9a-f]{16}  +" + seed + "  csv\\(train=" + dataset +
                      "_train\\.csv, test=" + dataset + "_test\\.csv\\)  " + optimizer + " +" +
                      rest + "\n");
  };
  const auto has = [&](const std::regex& line) { return std::regex_search(out.output, line); };
  CHECK(has(row("a", "sgd", "1", "done")));
  CHECK(has(row("b", "sgd", "1", "stale       b_train\\.csv changed")));
  CHECK(has(row("a", "sabotage\\(mode=throw, after=3\\)", "1", "failed      sabotage: step 4")));
  CHECK(has(row("b", "sabotage\\(mode=throw, after=3\\)", "1", "failed      sabotage: step 4")));
  CHECK(has(row("a", "sabotage\\(mode=nan, after=4\\)", "1", "diverged")));
  CHECK(has(row("b", "sabotage\\(mode=nan, after=4\\)", "1", "stale       b_train\\.csv changed")));
  CHECK(has(row("a", "sgd", "2", "missing")));
  CHECK_THAT(out.output, Contains("\n12 runs: 1 done, 1 diverged, 2 failed, 2 stale, 6 missing\n"
                                  "b_train.csv changed since 2 runs were stored\n"
                                  "a rerun trains 10 runs (6 missing, 2 failed, 2 stale); "
                                  "--keep-stale keeps the stale ones\n"));
}

TEST_CASE("Status: --json gives each run's state and why, the counts and the changes",
          "[runner][status]") {
  const Mixed mixed;
  const auto out = mixed.run("status '" + mixed.yaml.string() + "' --json 'seeds=[1,2]'");
  REQUIRE(out.status == 0);
  const auto doc = nlohmann::json::parse(out.output);
  CHECK(doc["nnlab_json"] == 1);
  CHECK(doc["command"] == "status");
  CHECK(doc["experiment"]["name"] == "mixed");
  CHECK(doc["store"]["exists"] == true);
  CHECK(doc["store"]["file"] == (mixed.out / "mixed/runs.h5").string());
  CHECK(doc["runs_total"] == 12);
  CHECK(doc["counts"] == nlohmann::json{{"done", 1},
                                        {"diverged", 1},
                                        {"failed", 2},
                                        {"stale", 2},
                                        {"unverified", 0},
                                        {"missing", 6},
                                        {"pruned", 0}});
  CHECK(doc["to_train"] == 10);
  CHECK(doc["changes"] ==
        nlohmann::json::array(
            {{{"name", "b_train.csv"}, {"kind", "file"}, {"what", "changed"}, {"runs", 2}}}));
  REQUIRE(doc["runs"].size() == 12);
  // The same runs as the store's: ids, and states that agree with the stored status.
  const auto store = nnlab::RunStore::open_read_only(mixed.out / "mixed/runs.h5");
  std::map<std::string, nnlab::RunStatus> stored;
  for (const auto& header : store.run_headers())
    stored[header.id] = header.status;
  for (const auto& run : doc["runs"]) {
    CAPTURE(run.dump());
    const std::string state = run["state"], label = run["label"];
    if (run["seed"] == 2) {
      CHECK(state == "missing");
      continue;
    }
    REQUIRE(stored.count(run["id"]));
    const bool b = label.find("b_train") != std::string::npos;
    if (label.find("throw") != std::string::npos) {
      CHECK(state == "failed");
      CHECK(run["why"] == nlohmann::json::array({"sabotage: step 4"}));
    } else if (b) {
      CHECK(state == "stale");
      CHECK(run["why"] == nlohmann::json::array({"b_train.csv changed"}));
    } else {
      CHECK(state == (label.find("nan") != std::string::npos ? "diverged" : "done"));
      CHECK(run["why"].empty());
    }
  }
  CHECK(doc["runs"][0]["point"]["optimizer"] == "sgd");
}

TEST_CASE("Status: without a store every run is missing, and nothing is created",
          "[runner][status]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("s.yaml", nnlab::test::xor_experiment("s", R"(model: {layers: [3, 1]}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 5}
seeds: [1, 2, 3]
)"));
  const auto out = run_runner("status '" + yaml.string() + "' --out '" +
                              (dir.path() / "results").string() + "'");
  INFO(out.output);
  CHECK(out.status == 0);
  CHECK_THAT(out.output, Contains("results/s/runs.h5 (none yet)\n") &&
                             Contains("3 runs: 0 done, 3 missing\na rerun trains 3 runs (3 "
                                      "missing)\n"));
  CHECK_FALSE(fs::exists(dir.path() / "results"));
}

TEST_CASE("Status: given a store, the runs it holds, each rebuilt from its stored config",
          "[runner][status]") {
  const Mixed mixed;
  const fs::path store = mixed.out / "mixed/runs.h5";
  const auto before = snapshot(mixed.dir.path());
  const auto out = run_runner("status '" + store.string() + "' " + mixed.plugin_path);
  INFO(out.output);
  REQUIRE(out.status == 0);
  CHECK(snapshot(mixed.dir.path()) == before);
  CHECK_THAT(out.output, Contains("(experiment " + mixed.yaml.string() + "): 6 stored run(s)\n"));
  CHECK(std::regex_search(out.output,
                          std::regex("\n +[0-9]+  [0-9a-f]{16}  +1  csv\\(train=b_train\\.csv, "
                                     "test=b_test\\.csv\\) sgd +stale       b_train\\.csv "
                                     "changed\n")));
  CHECK_THAT(out.output, Contains("\n6 runs: 1 done, 1 diverged, 2 failed, 2 stale\n"
                                  "b_train.csv changed since 2 runs were stored\n"
                                  "a rerun trains 4 runs (2 failed, 2 stale)"));

  const auto json = run_runner("status '" + store.string() + "' --json " + mixed.plugin_path);
  REQUIRE(json.status == 0);
  const auto doc = nlohmann::json::parse(json.output);
  CHECK(doc["experiment"]["name"] == "mixed");
  CHECK(doc["experiment"]["file"] == mixed.yaml.string());
  CHECK(doc["experiment"]["seed"] == 42);
  CHECK(doc["counts"]["missing"] == 0);
  CHECK(doc["counts"]["stale"] == 2);
  REQUIRE(doc["runs"].size() == 6);
  std::set<std::string> ids;
  for (const auto& header : nnlab::RunStore::open_read_only(store).run_headers())
    ids.insert(header.id);
  for (const auto& run : doc["runs"]) {
    CHECK(ids.count(run["id"].get<std::string>()) == 1);
    CHECK(run["point"] == nlohmann::json::object());
    CHECK_THAT(run["label"].get<std::string>(), Contains("csv(train="));
  }

  // Overrides change an experiment's sweep; a store's runs are what they are.
  const auto refused = run_runner("status '" + store.string() + "' seeds=[1,2]");
  CHECK(refused.status == 2);
  CHECK_THAT(refused.output, Contains("runner: error: command line: status: key.path=value "
                                      "overrides go with an experiment file, not with the store"));
}
