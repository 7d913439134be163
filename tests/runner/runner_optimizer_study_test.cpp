// experiments/optimizer_study.yaml as shipped (shortened to 300 iterations so it runs in a
// second): sgd, momentum and Nesterov on XOR with 20 seeds and a validation split, whose
// summary ends with the paired statistics table the README quotes.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "nnlab/storage/run_store.hpp"
#include "support/plugins.hpp"
#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::test::run_runner;

namespace {

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (const char c : line) {
      if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        cells.push_back(std::exchange(cell, {}));
      else
        cell += c;
    }
    cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

} // namespace

TEST_CASE("OptimizerStudy: 3 optimizers x 20 paired seeds with validation, and the statistics "
          "table against sgd",
          "[runner][statistics]") {
  const nnlab::test::TempDir dir;
  const auto study = nnlab::test::source_dir() / "experiments" / "optimizer_study.yaml";
  const auto run = run_runner(study.string() + " training.iterations=300 --out " +
                              (dir.path() / "results").string() + " --no-plots --jobs 2");
  INFO(run.output);
  REQUIRE(run.status == 0);
  CHECK_THAT(run.output, Contains("(60 runs: 60 trained"));
  CHECK_THAT(run.output, Contains("best runs by final validation cost:"));
  CHECK_THAT(run.output, Contains("statistics: each group against sgd"));
  for (const std::string group : {"momentum", "nesterov"})
    CHECK(std::regex_search(
        run.output, std::regex("\nfinal cost_valid +" + group + " +sgd +20 pairs +-?[0-9]")));

  // Every seed gives the three optimizers the same start and the same validation set.
  const auto folder = dir.path() / "results" / "optimizer_study";
  const nnlab::RunStore store = nnlab::RunStore::open_read_only(folder / "runs.h5");
  std::map<std::uint64_t, std::set<std::string>> starts;
  std::set<std::string> labels;
  for (const auto& id : store.run_ids()) {
    const nnlab::RunRecord record = store.read_run(id);
    CHECK(record.series.cost_valid.n_elem == 300);
    CHECK(record.series.cost_test.n_elem == 300);
    starts[record.seed].insert(record.init_fingerprint);
    labels.insert(record.label);
  }
  CHECK(labels == std::set<std::string>{"sgd", "momentum(momentum=0.9)", "nesterov(momentum=0.9)"});
  REQUIRE(starts.size() == 20);
  CHECK(starts.begin()->first == 1);
  CHECK(starts.rbegin()->first == 20);
  std::set<std::string> all;
  for (const auto& [seed, fingerprints] : starts) {
    CAPTURE(seed);
    CHECK(fingerprints.size() == 1);
    all.insert(*fingerprints.begin());
  }
  CHECK(all.size() == 20); // and each seed its own

  // stats.csv: both comparisons paired over 20 seeds, on the final validation cost and on the
  // iterations to its target, with an interval around the median difference.
  const auto rows = csv_rows(nnlab::test::read_text(folder / "stats.csv"));
  REQUIRE(rows.size() == 5);
  const std::vector<std::string> header(rows[0].begin(), rows[0].begin() + 13);
  CHECK(header == std::vector<std::string>{"group", "baseline", "metric", "target", "n",
                                           "n_baseline", "paired", "median_difference", "ci_low",
                                           "ci_high", "p_value", "p_holm", "win_rate"});
  std::multiset<std::string> compared;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    CAPTURE(r);
    compared.insert(row[0] + " " + row[2]);
    CHECK(row[1] == "sgd");
    CHECK(row[4] == "20");
    CHECK(row[6] == "true");
    const double difference = std::stod(row[7]), low = std::stod(row[8]), high = std::stod(row[9]);
    CHECK(low <= difference);
    CHECK(difference <= high);
    const double p = std::stod(row[10]), holm = std::stod(row[11]);
    CHECK(p > 0.0);
    CHECK(p <= holm);
    CHECK(holm <= 1.0);
    const std::set<std::string> verdicts{"better", "worse", "no clear difference"};
    CHECK(verdicts.count(row.back()) == 1);
  }
  CHECK(compared == std::multiset<std::string>{"momentum cost_valid", "nesterov cost_valid",
                                               "momentum iterations_to_target",
                                               "nesterov iterations_to_target"});
}
