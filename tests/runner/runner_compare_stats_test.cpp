#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "nnlab/report/group_statistics.hpp"
#include "nnlab/report/stored_runs.hpp"
#include "nnlab/stats/group_difference.hpp"
#include "support/plot_files.hpp"
#include "support/runner_process.hpp"
#include "support/tiny_store.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

namespace {

/// The rows of a CSV file without quoted commas, split at commas.
std::vector<std::vector<std::string>> csv_rows(const fs::path& file) {
  std::istringstream text(nnlab::test::read_text(file));
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(text, line);) {
    std::vector<std::string> cells;
    std::istringstream cells_in(line);
    for (std::string cell; std::getline(cells_in, cell, ',');)
      cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

/// Each optimizer's final test costs, by seed, read back from the store.
std::map<std::string, std::map<std::uint64_t, double>> finals(const fs::path& store) {
  std::map<std::string, std::map<std::uint64_t, double>> out;
  for (const auto& run : nnlab::load_runs(store.string())) {
    const std::string label = run.record.label;
    out[label.substr(0, label.find('('))][run.record.seed] = nnlab::final_value(run, "cost_test");
  }
  return out;
}

/// Each optimizer's iterations to `target` on its test cost, by seed, from the stored series.
std::map<std::string, std::map<std::uint64_t, double>> iterations(const fs::path& store,
                                                                  double target) {
  std::map<std::string, std::map<std::uint64_t, double>> out;
  for (const auto& run : nnlab::load_runs(store.string())) {
    const std::string label = run.record.label;
    out[label.substr(0, label.find('('))][run.record.seed] =
        nnlab::iterations_to_target(run.record.series.cost_test, target);
  }
  return out;
}

std::vector<double> values(const std::map<std::uint64_t, double>& by_seed) {
  std::vector<double> out;
  for (const auto& [seed, value] : by_seed)
    out.push_back(value);
  return out;
}

} // namespace

TEST_CASE("RunnerCompare: --stats on one store, each optimizer against sgd seed by seed",
          "[runner][compare][statistics]") {
  const nnlab::test::StudyStore study("study", 6, 300);
  const fs::path out = study.dir.path() / "cmp";
  const auto result =
      run_runner("compare " + study.store.string() + " --stats --out " + out.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  CHECK_THAT(result.output, Contains("\nstatistics: each group against sgd\nmeasure "));
  CHECK_THAT(result.output, Contains("\nstats:  " + (out / "stats.csv").string() + "\n"));

  // stats.csv: the contract's columns, the numbers of the statistics on the stored values
  const auto rows = csv_rows(out / "stats.csv");
  REQUIRE(rows.size() == 5);
  const std::vector<std::string> header{"group",    "baseline",   "metric",   "target",
                                        "n",        "n_baseline", "paired",   "median_difference",
                                        "ci_low",   "ci_high",    "p_value",  "p_holm",
                                        "win_rate", "test",       "interval", "note"};
  CHECK(std::vector<std::string>(rows[0].begin(), rows[0].begin() + 13) ==
        std::vector<std::string>(header.begin(), header.begin() + 13));
  const auto by_seed = finals(study.store);
  REQUIRE(by_seed.size() == 3);
  const std::vector<std::string> expected_groups{"momentum", "nesterov"};
  for (std::size_t r = 0; r < 2; ++r) {
    const auto& row = rows[r + 1];
    CAPTURE(row[0]);
    CHECK(row[0] == expected_groups[r]);
    CHECK(row[1] == "sgd");
    CHECK(row[2] == "cost_test");
    CHECK(row[4] == "6");
    CHECK(row[6] == "true");
    const auto expected = nnlab::stats::compare_paired(values(by_seed.at(expected_groups[r])),
                                                       values(by_seed.at("sgd")), true);
    // written with 17 digits: read back to the same double
    CHECK(std::stod(row[7]) == expected.difference);
    CHECK(std::stod(row[8]) == expected.low);
    CHECK(std::stod(row[9]) == expected.high);
    CHECK(std::stod(row[10]) == expected.p_value);
    CHECK(std::stod(row[12]) == expected.win_rate);
    CHECK(std::stod(row[11]) >= expected.p_value); // Holm only raises
  }
  // iterations to the target, counted on each run's whole series (compare reads the store
  // as an overview, keeping only the series' ends: the series are read for this)
  const double target = std::stod(rows[3][3]);
  const auto reached = iterations(study.store, target);
  std::size_t finite = 0;
  for (std::size_t r = 0; r < 2; ++r) {
    const auto& row = rows[r + 3];
    CAPTURE(row[0]);
    CHECK(row[0] == expected_groups[r]);
    CHECK(row[2] == "iterations_to_target");
    CHECK(std::stod(row[3]) == target);
    const auto mine = values(reached.at(expected_groups[r]));
    for (const double n : mine)
      finite += std::isfinite(n);
    const auto expected = nnlab::stats::compare_paired(mine, values(reached.at("sgd")), true);
    CHECK(std::stod(row[7]) == expected.difference);
    CHECK(std::stod(row[10]) == expected.p_value);
    CHECK(std::stod(row[12]) == expected.win_rate);
  }
  CHECK(finite > 0); // some run got there: the rows compare real counts

  // the differences plots: a dot per seed on each row, drawn and re-drawable by hand
  for (const char* stem : {"differences-cost_test", "differences-iterations-cost_test"}) {
    CAPTURE(stem);
    const fs::path png = out / (std::string(stem) + ".png");
    REQUIRE(nnlab::test::is_png(png));
    nnlab::test::check_renders_by_hand(png);
  }
  const auto blocks = nnlab::test::read_data_blocks(out / "differences-cost_test.dat");
  REQUIRE(blocks.size() == 2);
  std::size_t dots = 0;
  for (const auto& dot : blocks[0])
    dots += !dot.empty() && !std::isnan(dot[0]);
  CHECK(dots == 2 * 6);

  const std::string page = nnlab::test::read_text(out / "report.html");
  CHECK_THAT(page, Contains("<h2>Statistics: each group against sgd</h2>"));
  CHECK_THAT(page, Contains("<table id=\"stats\">"));
  CHECK_THAT(page, Contains("<img src=\"differences-cost_test.png\""));
}

TEST_CASE("RunnerCompare: --stats with --table or --json writes nothing, --baseline picks one",
          "[runner][compare][statistics]") {
  const nnlab::test::StudyStore study("study", 4, 150);
  const fs::path out = study.dir.path() / "none";
  const auto table = run_runner("compare " + study.store.string() +
                                " --stats --table --baseline nesterov --out " + out.string());
  INFO(table.output);
  REQUIRE(table.status == 0);
  CHECK_THAT(table.output, Contains("\nstatistics: each group against nesterov\n"));
  CHECK_THAT(table.output, Contains(" sgd       nesterov  4 pairs "));
  CHECK_FALSE(fs::exists(out));

  const auto json = run_runner("compare " + study.store.string() + " --stats --json");
  REQUIRE(json.status == 0);
  const auto document = nlohmann::json::parse(json.output);
  CHECK(document.at("command") == "compare");
  const auto& statistics = document.at("statistics");
  CHECK(statistics.at("baseline") == "sgd");
  CHECK(statistics.at("bootstrap_resamples") == 10000);
  REQUIRE(statistics.at("comparisons").size() == 4);
  const auto& first = statistics.at("comparisons")[0];
  CHECK(first.at("group") == "momentum");
  CHECK(first.at("paired") == true);
  CHECK(first.at("seeds") == nlohmann::json::array({1, 2, 3, 4}));
  CHECK(first.at("differences").size() == 4);
  CHECK(first.at("test") == "Wilcoxon signed-rank, exact");
  CHECK_FALSE(fs::exists(study.dir.path() / "results/compare-study"));
}

TEST_CASE("RunnerCompare: bad --stats input gets one line and exit status 2",
          "[runner][compare][statistics]") {
  const nnlab::test::StudyStore study("study", 2, 20);
  const std::string store = study.store.string();
  const auto unknown = run_runner("compare " + store + " --stats --baseline adam");
  CHECK(unknown.status == 2);
  CHECK(unknown.output == "runner: error: --baseline 'adam': no such group; groups: sgd, "
                          "momentum, nesterov\n");
  const auto alone = run_runner("compare " + store + " --baseline sgd");
  CHECK(alone.status == 2);
  CHECK(alone.output ==
        "runner: error: command line: --baseline goes with --stats (see runner --help)\n");
  const auto one_group =
      run_runner("compare " + store + " --stats --group-by dataset.plugin --table");
  CHECK(one_group.status == 2);
  CHECK_THAT(one_group.output, StartsWith("runner: error: statistics: the runs form 1 group; two "
                                          "or more are compared"));
  CHECK_FALSE(fs::exists(study.dir.path() / "results/compare-study"));
}
