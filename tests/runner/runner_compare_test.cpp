#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "nnlab/report/run_groups.hpp"
#include "support/plot_files.hpp"
#include "support/runner_process.hpp"
#include "support/tiny_store.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Catch::Matchers::WithinRel;
using nnlab::test::run_runner;
using nnlab::test::TinyStore;
namespace fs = std::filesystem;

namespace {

/// The same sweep twice: 60 iterations ("tiny") and 90 ("tiny_long"), as before and after.
struct TwoStores {
  TinyStore before{"tiny", 60};
  TinyStore after{"tiny_long", 90};
  std::string args() const { return before.store.string() + " " + after.store.string(); }
};

/// The lines of a text file.
std::vector<std::string> lines_of(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

} // namespace

TEST_CASE("RunnerCompare: compare over two stores, one legend, medians from both",
          "[runner][compare]") {
  const TwoStores stores;
  const fs::path out = stores.before.dir.path() / "cmp";
  const auto result = run_runner("compare " + stores.args() + " --out " + out.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  CHECK_THAT(result.output, StartsWith("store      group                        runs  "
                                       "final cost_test  iterations to <= "));
  CHECK_THAT(result.output, Contains("\ntiny       sgd learning_rate=0.05          2"));
  CHECK_THAT(result.output, Contains("\ntiny_long  momentum learning_rate=0.5      2"));
  CHECK_THAT(result.output, Contains("report: " + (out / "report.html").string() + "\n"));

  for (const char* stem :
       {"convergence-cost_test", "convergence-accuracy_test", "speed-cost_test"}) {
    CAPTURE(stem);
    REQUIRE(nnlab::test::is_png(out / (std::string(stem) + ".png")));
    nnlab::test::check_renders_by_hand(out / (std::string(stem) + ".png"));
  }
  // One legend: 4 groups per store, each named "<store>: <group>", the second store dashed.
  const std::string gp = nnlab::test::read_text(out / "convergence-cost_test.gp");
  CHECK_THAT(gp, Contains("title 'tiny: sgd learning_rate=0.05'"));
  CHECK_THAT(gp, Contains("title 'tiny_long: sgd learning_rate=0.05'"));
  CHECK_THAT(gp, Contains(" dt 2 "));

  const auto blocks = nnlab::test::read_data_blocks(out / "convergence-cost_test.dat");
  REQUIRE(blocks.size() == 8);
  const auto csv = lines_of(out / "compare.csv");
  REQUIRE(csv.size() == 9);
  CHECK(csv[0] == "store,group,runs,median_final_cost_test,median_iterations_to_target,reached,"
                  "diverged,failed,target");
  std::size_t block = 0;
  for (const auto* store : {&stores.before, &stores.after}) {
    const auto runs = nnlab::load_runs(store->store.string());
    REQUIRE(runs.size() == 8);
    // Sweep order: sgd 0.05, sgd 0.5, momentum 0.05, momentum 0.5; seeds 1 and 2 adjacent.
    for (std::size_t g = 0; g < 4; ++g, ++block) {
      const arma::vec& a = runs[2 * g].record.series.cost_test;
      const arma::vec& b = runs[2 * g + 1].record.series.cost_test;
      CAPTURE(block);
      REQUIRE(blocks[block].size() == a.n_elem);
      for (std::size_t i = 0; i < a.n_elem; i += 11)
        CHECK_THAT(blocks[block][i][1], WithinRel(0.5 * (a[i] + b[i]), 1e-8));
      const std::string row = csv[block + 1];
      const auto median = std::stod(row.substr(row.find(",2,") + 3));
      // The final values: the stored nets' (one update past the series' ends).
      CHECK_THAT(median, WithinRel(0.5 * (nnlab::final_value(runs[2 * g], "cost_test") +
                                          nnlab::final_value(runs[2 * g + 1], "cost_test")),
                                   1e-12));
    }
  }

  const std::string report = nnlab::test::read_text(out / "report.html");
  CHECK_THAT(report, Contains("<title>compare tiny vs tiny_long - nnlab report</title>"));
  CHECK_THAT(report, Contains("<table id=\"groups\">"));
  CHECK_THAT(report, Contains("<img src=\"convergence-cost_test.png\""));
  // Every run of both stores in the run table, its point named by its store.
  std::size_t rows = 0, pos = 0;
  while ((pos = report.find("</td><td>tiny_long: ", pos)) != std::string::npos)
    ++rows, ++pos;
  CHECK(rows == 8);
}

TEST_CASE("RunnerCompare: --table prints the groups and writes nothing", "[runner][compare]") {
  const TwoStores stores;
  const fs::path out = stores.before.dir.path() / "table";
  const auto result = run_runner("compare " + stores.args() +
                                 " --table --group-by "
                                 "optimizer.plugin --target 0.5 --out " +
                                 out.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  CHECK_THAT(result.output, StartsWith("store      group     runs  final cost_test  "
                                       "iterations to <= 0.5  diverged  failed\n"
                                       "tiny       sgd          4"));
  CHECK_THAT(result.output, Contains("\ntiny_long  momentum     4"));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("RunnerCompare: bad input gets one line naming the store and exit status 2",
          "[runner][compare]") {
  const TwoStores stores;
  const std::string before = stores.before.store.string();
  const auto missing = (stores.before.dir.path() / "none/runs.h5").string();
  const auto no_file = run_runner("compare " + before + " " + missing);
  CHECK(no_file.status == 2);
  CHECK(no_file.output == "runner: error: " + missing + ": cannot open: no such file\n");
  const auto key = run_runner("compare " + stores.args() + " --group-by optimizer.lr");
  CHECK(key.status == 2);
  CHECK_THAT(key.output, StartsWith("runner: error: " + before +
                                    ": group key 'optimizer.lr' is not in the runs' config; "
                                    "keys: dataset.plugin,"));
  const auto metric = run_runner("compare " + stores.args() + " --metric cost_valid");
  CHECK(metric.status == 2);
  CHECK(metric.output == "runner: error: " + before +
                             ": metric 'cost_valid' is not stored; stored: cost_train, "
                             "cost_test, accuracy_train, accuracy_test\n");
  const auto one = run_runner("compare " + before);
  CHECK(one.status == 2);
  CHECK_THAT(one.output, StartsWith("runner: error: command line: compare: expected two or more "
                                    "stores"));
  const auto twice = run_runner("compare " + before + " " + before);
  CHECK(twice.status == 2);
  CHECK(twice.output ==
        "runner: error: compare: " + before + ": given twice (also as " + before + ")\n");
  const auto kind = run_runner("compare " + stores.args() + " --kind decision");
  CHECK(kind.status == 2);
  CHECK(kind.output == "runner: error: command line: --kind goes with plot (see runner --help)\n");
  // Nothing written by a refused comparison.
  CHECK_FALSE(fs::exists(stores.before.dir.path() / "results/compare-tiny-tiny_long"));
}
