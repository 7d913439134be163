#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/report/experiment_report.hpp"
#include "support/plot_files.hpp"
#include "support/plugins.hpp"
#include "support/tiny_store.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

nnlab::ExperimentReportOptions options_for(const nnlab::test::TinyStore& tiny) {
  nnlab::ExperimentReportOptions options;
  options.experiment_dir = tiny.store.parent_path();
  options.name = "tiny";
  options.experiment_yaml = "name: tiny\n";
  for (const auto& run : nnlab::load_experiment_store(tiny.store, nnlab::RunParts::overview).runs)
    options.run_ids.push_back(run.record.id);
  auto datasets = std::make_shared<nnlab::DatasetCache>(nnlab::test::registry());
  options.load_data = [datasets](const nnlab::PluginBlock& block) { return datasets->get(block); };
  return options;
}

} // namespace

TEST_CASE("ExperimentReport: summary, plots and a page that shows those plots",
          "[report][experiment]") {
  const nnlab::test::TinyStore tiny;
  std::ostringstream out;
  const nnlab::ExperimentReport report = nnlab::finish_experiment(options_for(tiny), out);
  const std::string csv = nnlab::test::read_text(report.summary_file);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 8);
  CHECK_THAT(out.str(), Contains("best runs by final test cost:"));
  // 9 of the experiment (3 show the sweep whole), 6 of each group's best run: cost,
  // decision, neurons, network, confusion, roc (no movie: no snapshots).
  REQUIRE(report.plots.size() == 9 + 6 * 4);
  const std::string page = nnlab::test::read_text(report.report_file);
  for (const auto& image : report.plots) {
    CAPTURE(image);
    CHECK(image.parent_path() == report.plot_dir);
    CHECK_THAT(page, Contains("src=\"plots/" + image.filename().string() + "\""));
  }
  CHECK_THAT(page, Contains("<h2>The best run of each group</h2>"));
}

TEST_CASE("ExperimentReport: quiet prints nothing, no plots draws none", "[report][experiment]") {
  const nnlab::test::TinyStore tiny;
  auto options = options_for(tiny);
  options.quiet = true;
  options.plots = false;
  std::ostringstream out;
  const nnlab::ExperimentReport report = nnlab::finish_experiment(options, out);
  CHECK(out.str().empty());
  CHECK(report.plots.empty());
  CHECK_FALSE(fs::exists(report.plot_dir));
  CHECK(fs::exists(report.summary_file));
  CHECK_THAT(nnlab::test::read_text(report.report_file), !Contains("<img "));
}

TEST_CASE("ExperimentReport: one key varies, so each sweep point is compared with the first",
          "[report][experiment][statistics]") {
  const nnlab::test::StudyStore study("study", 5, 200);
  nnlab::ExperimentReportOptions options;
  options.experiment_dir = study.store.parent_path();
  options.name = "study";
  std::ostringstream out;
  const auto report = nnlab::finish_experiment(options, out);
  CHECK_THAT(out.str(), Contains("\nstatistics: each group against sgd\nmeasure "));
  CHECK_THAT(out.str(), Contains("\nfinal cost_test ") && Contains(" momentum  sgd       5 pairs"));
  REQUIRE(report.statistics_file == options.experiment_dir / "stats.csv");
  const std::string csv = nnlab::test::read_text(report.statistics_file);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 4);
  CHECK(std::count(report.plots.begin(), report.plots.end(),
                   report.plot_dir / "differences-cost_test.png") == 1);
  const std::string page = nnlab::test::read_text(report.report_file);
  CHECK_THAT(page, Contains("<h2>Statistics: each sweep point against sgd</h2>"));
  CHECK_THAT(page, Contains("src=\"plots/differences-iterations-cost_test.png\""));

  // without plots the table is computed from the store alone, to the same numbers
  options.plots = false;
  std::ostringstream quiet;
  nnlab::finish_experiment(options, quiet);
  CHECK(nnlab::test::read_text(report.statistics_file) == csv);
}

TEST_CASE("ExperimentReport: two keys vary, no statistics and no stale stats.csv",
          "[report][experiment][statistics]") {
  const nnlab::test::TinyStore tiny;
  auto options = options_for(tiny);
  options.plots = false;
  const auto stale = tiny.store.parent_path() / "stats.csv";
  std::ofstream(stale) << "old\n";
  std::ostringstream out;
  const auto report = nnlab::finish_experiment(options, out);
  CHECK(report.statistics_file.empty());
  CHECK_FALSE(fs::exists(stale));
  CHECK_THAT(out.str(), !Contains("statistics:"));
  CHECK_THAT(nnlab::test::read_text(report.report_file), !Contains("id=\"stats\""));
}
