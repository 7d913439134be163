#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

// A run that failed before its first iteration breaks nothing after it: the sweep's plots,
// summary and report, `runner plot` and `runner compare` leave it out and list it with its
// message, and the exit status says a run failed (issue 19, item 2).

namespace {

// sgd, an optimizer that throws as training starts (no iteration, no series), momentum.
const std::string sweep_body = R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 40}
sweep:
  optimizer:
    - {plugin: sgd}
    - {plugin: sabotage, mode: reset}
    - {plugin: momentum, momentum: 0.9}
)";

const std::string failed_line = "run 2 (ID, sabotage(mode=reset) seed=42): failed: sabotage: reset";

std::string with_id(std::string line, const std::string& id) {
  return line.replace(line.find("ID"), 2, id);
}

std::string plugin_path() {
  return " --plugin-path '" + (fs::path(NNLAB_TEST_FIXTURE_DIR) / "sabotage").string() + "'";
}

// The id of the failed run, from summary.csv (the row whose status is failed).
std::string failed_id(const fs::path& summary) {
  const std::string csv = nnlab::test::read_text(summary);
  const auto at = csv.find(",failed,");
  REQUIRE(at != std::string::npos);
  const auto start = csv.rfind('\n', at) + 1;
  return csv.substr(start, csv.find(',', start) - start);
}

} // namespace

TEST_CASE("FailedRun: a sweep with a run failed before its first iteration plots the rest, "
          "lists it and exits 1 for the run",
          "[runner][failed]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("f.yaml", nnlab::test::xor_experiment("f", sweep_body));
  const auto out = dir.path() / "r";
  const auto sweep =
      run_runner("'" + yaml.string() + "' --out '" + out.string() + "' --jobs 1" + plugin_path());
  INFO(sweep.output);
  CHECK(sweep.status == 1);
  const std::string id = failed_id(out / "f/summary.csv");
  const std::string line = with_id(failed_line, id);
  // The one error line is the run's, and nothing was said of plotting.
  CHECK_THAT(sweep.output,
             Contains("runner: error: 1 of 3 run(s) failed (stored with status failed; the "
                      "sweep went on); the first, run 2 (" +
                      id + ", sabotage(mode=reset) seed=42): sabotage: reset\n"));
  CHECK(std::count(sweep.output.begin(), sweep.output.end(), '\n') > 5);
  CHECK_THAT(sweep.output, !Contains("no iterations") && !Contains("was not finished"));
  CHECK_THAT(sweep.output,
             Contains("1 run has no results (left out of the tables and plots):\n  " + line));
  CHECK_THAT(sweep.output, Contains("3 runs: 3 trained, 0 kept; 0 diverged, 1 failed"));

  // The plots of the other runs are drawn; none of the failed one.
  const auto plots = out / "f/plots";
  CHECK(fs::exists(plots / "convergence-cost_test.png"));
  CHECK(fs::exists(plots / "sweep-cost_test.png"));
  std::size_t costs = 0;
  for (const auto& entry : fs::directory_iterator(plots)) {
    const std::string name = entry.path().filename().string();
    CHECK_THAT(name, !Contains(id));
    costs += name.rfind("cost-", 0) == 0 && entry.path().extension() == ".png";
  }
  CHECK(costs == 2);
  // summary.csv has every run; the page lists the failed one apart.
  const std::string csv = nnlab::test::read_text(out / "f/summary.csv");
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 4);
  CHECK_THAT(csv, Contains(id + ",1,sabotage(mode=reset),42,failed,0,0,,,,,"));
  const std::string page = nnlab::test::read_text(out / "f/report.html");
  CHECK_THAT(page, Contains("<h2>Runs without results</h2>") &&
                       Contains("<code>" + id + "</code>") && Contains("sabotage: reset"));

  // runner plot draws the same store, noting the run it left out.
  const auto plot = run_runner("plot '" + (out / "f/runs.h5").string() + "' --out '" +
                               (dir.path() / "replot").string() + "'" + plugin_path());
  INFO(plot.output);
  CHECK(plot.status == 0);
  CHECK_THAT(plot.output, Contains("left out, no results: " + line + "\n"));
  CHECK(fs::exists(dir.path() / "replot/convergence-cost_test.png"));
  // Asked for by name, the failed run gets the note, not an error.
  const auto named =
      run_runner("plot '" + (out / "f/runs.h5").string() + "' --out '" +
                 (dir.path() / "named").string() + "' --run 2 --kind cost" + plugin_path());
  INFO(named.output);
  CHECK(named.status == 0);
  CHECK_THAT(named.output, Contains("left out, no results: " + line));

  // Compared with a store without failures: grouped without it, and listed.
  const auto other_yaml =
      dir.write("g.yaml", nnlab::test::xor_experiment("g", R"(model: {layers: [3, 2, 1]}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 40}
sweep:
  optimizer: [{plugin: sgd}, {plugin: momentum, momentum: 0.9}]
)"));
  REQUIRE(
      run_runner("'" + other_yaml.string() + "' --out '" + out.string() + "' --no-plots").status ==
      0);
  const std::string stores =
      " '" + (out / "g/runs.h5").string() + "' '" + (out / "f/runs.h5").string() + "'";
  const auto table = run_runner("compare" + stores + " --table");
  INFO(table.output);
  CHECK(table.status == 0);
  CHECK_THAT(table.output,
             Contains("1 run has no results (left out of the groups):\n  f: " + line));
  CHECK_THAT(table.output, !Contains("sabotage(mode=reset)  "));
  const auto json = run_runner("compare" + stores + " --json");
  INFO(json.output);
  CHECK(json.status == 0);
  CHECK_THAT(json.output, Contains("\"left_out\": [\n    {\n      \"store\": \"f\",\n      "
                                   "\"id\": \"" +
                                   id +
                                   "\",\n      \"number\": 2,\n      \"status\": \"failed\",\n"
                                   "      \"message\": \"sabotage: reset\"\n    }\n  ]"));
  const auto full =
      run_runner("compare" + stores + " --out '" + (dir.path() / "cmp").string() + "'");
  INFO(full.output);
  CHECK(full.status == 0);
  CHECK_THAT(nnlab::test::read_text(dir.path() / "cmp/report.html"),
             Contains("<h2>Runs without results</h2>") && Contains("sabotage: reset"));
}

TEST_CASE("FailedRun: a sweep whose every run failed before its first iteration draws nothing "
          "and exits 1",
          "[runner][failed]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("a.yaml", nnlab::test::xor_experiment("a", R"(model: {layers: [3, 1]}
optimizer: {plugin: sabotage, mode: reset, learning_rate: 0.1}
training: {iterations: 10}
seeds: [1, 2]
)"));
  const auto out = dir.path() / "r";
  const auto sweep =
      run_runner("'" + yaml.string() + "' --out '" + out.string() + "'" + plugin_path());
  INFO(sweep.output);
  CHECK(sweep.status == 1);
  CHECK_THAT(sweep.output, Contains("runner: error: 2 of 2 run(s) failed"));
  CHECK_THAT(sweep.output, Contains("2 runs have no results (left out of the tables and plots):"));
  CHECK_THAT(sweep.output, Contains("(0 PNG)"));
  CHECK(fs::exists(out / "a/report.html"));
  // runner plot has nothing to draw: it says why, naming a run and its message.
  const auto plot = run_runner("plot '" + (out / "a/runs.h5").string() + "'" + plugin_path());
  CHECK(plot.status == 2);
  CHECK_THAT(plot.output, Contains("runs.h5: no run has results to plot; run 1 (") &&
                              Contains("failed: sabotage: reset (and 1 more)"));
}
