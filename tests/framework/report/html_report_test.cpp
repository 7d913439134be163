#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "nnlab/core/error.hpp"
#include "nnlab/report/html_report.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;

namespace {

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

nnlab::RunSummary run(std::size_t index, std::string label, nnlab::RunStatus status) {
  nnlab::RunSummary summary;
  summary.id = "00000000000000a" + std::to_string(index);
  summary.index = index;
  summary.label = std::move(label);
  summary.status = status;
  summary.cost_test = 0.125;
  summary.accuracy_test = 0.975;
  return summary;
}

} // namespace

TEST_CASE("HtmlReport: one row per run, sweep plots first, everything escaped", "[report][html]") {
  const nnlab::test::TempDir dir;
  nnlab::HtmlReport report;
  report.title = "demo <1>";
  report.experiment_yaml = "name: demo\nmodel: {layers: [3, 1]}  # a < b & c\n";
  report.overrides = {"optimizer.learning_rate=0.1"};
  report.runs = {run(0, "sgd(learning_rate=0.1)", nnlab::RunStatus::done),
                 run(1, "momentum <0.9>", nnlab::RunStatus::diverged),
                 run(2, "nesterov", nnlab::RunStatus::failed)};
  report.images = {"plots/cost-00000000000000a0.png", "plots/sweep-cost_test.png",
                   "plots/convergence-cost_test.png"};
  const auto file = dir.path() / "report.html";
  nnlab::write_html_report(file, report);

  const std::string page = read(file);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(page, "<tr><td class=\"num\">") == 3);
  CHECK_THAT(page, Contains("<h1>demo &lt;1&gt;</h1>"));
  CHECK_THAT(page, Contains("<td>momentum &lt;0.9&gt;</td>"));
  CHECK_THAT(page, Contains("# a &lt; b &amp; c"));
  CHECK_THAT(page, Contains("optimizer.learning_rate=0.1"));
  CHECK_THAT(page, Contains("3 runs: 1 done, 1 diverged, 1 failed."));
  CHECK_THAT(page, Contains("<td class=\"num\">0.125</td>"));
  CHECK_THAT(page, Contains("<td class=\"num\">97.5</td>"));
  CHECK_THAT(page, Contains("class=\"status-diverged\">diverged</td>"));
  // The sweep's picture comes before the table, the run's own after it.
  const auto sweep = page.find("src=\"plots/sweep-cost_test.png\"");
  const auto table = page.find("<table id=\"runs\">");
  const auto own = page.find("src=\"plots/cost-00000000000000a0.png\"");
  REQUIRE(sweep != std::string::npos);
  REQUIRE(own != std::string::npos);
  CHECK(sweep < table);
  CHECK(page.find("src=\"plots/convergence-cost_test.png\"") < sweep); // the answer first
  CHECK(table < own);
  // Nothing from the network: no http(s) reference anywhere.
  CHECK(page.find("http") == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(std::filesystem::path(file) += ".tmp"));
}

TEST_CASE("HtmlReport: an unwritable place is a StorageError naming the file", "[report][html]") {
  const nnlab::test::TempDir dir;
  const auto file = dir.path() / "missing-folder" / "report.html";
  CHECK_THROWS_AS(nnlab::write_html_report(file, {}), nnlab::StorageError);
  CHECK_THROWS_WITH(nnlab::write_html_report(file, {}), Contains("report.html.tmp: cannot write"));
  CHECK(nnlab::html_escape("a'b\"c") == "a&#39;b&quot;c");
}

TEST_CASE("HtmlReport: runs without results are listed apart with their message, not in the table",
          "[report][html]") {
  const nnlab::test::TempDir dir;
  nnlab::HtmlReport report;
  report.title = "demo";
  report.runs = {run(0, "sgd", nnlab::RunStatus::done), run(1, "huge", nnlab::RunStatus::failed),
                 run(2, "nan", nnlab::RunStatus::diverged)};
  report.runs[1].has_results = false;
  report.runs[1].message = "building the network: out of memory <std::bad_alloc>";
  report.runs[2].has_results = false;
  const auto file = dir.path() / "report.html";
  nnlab::write_html_report(file, report);
  const std::string page = read(file);
  CHECK(count(page, "<tr><td class=\"num\">") == 1);
  CHECK_THAT(page, Contains("3 runs: 1 done, 1 diverged, 1 failed."));
  CHECK_THAT(page, Contains("<h2>Runs without results</h2>"));
  CHECK_THAT(page, Contains("<li>run 2 <code>00000000000000a1</code> huge seed=0: <span "
                            "class=\"status-failed\">failed</span>: building the network: out of "
                            "memory &lt;std::bad_alloc&gt;</li>"));
  CHECK_THAT(page, Contains("<li>run 3 <code>00000000000000a2</code> nan seed=0: <span "
                            "class=\"status-diverged\">diverged</span> before its first "
                            "iteration</li>"));
  CHECK(page.find("id=\"left-out\"") > page.find("<table id=\"runs\">"));
  // A page whose runs all have results has no such list.
  report.runs.resize(1);
  nnlab::write_html_report(file, report);
  CHECK(read(file).find("left-out") == std::string::npos);
}

TEST_CASE("HtmlReport: the statistics table with its notes and its plots", "[report][html]") {
  const nnlab::test::TempDir dir;
  nnlab::HtmlReport report;
  report.title = "study";
  report.runs = {run(0, "sgd", nnlab::RunStatus::done)};
  report.images = {"plots/differences-cost_test.png", "plots/convergence-cost_test.png"};
  report.statistics = {{"measure", "group", "baseline", "n", "difference"},
                       {"final cost_test", "momentum <0.9>", "sgd", "20 pairs", "-0.12"}};
  report.statistics_heading = "each sweep point against sgd";
  report.statistics_notes = {"difference: group - baseline", "p (Holm): corrected"};
  const auto file = dir.path() / "report.html";
  nnlab::write_html_report(file, report);
  const std::string page = read(file);
  CHECK_THAT(page, Contains("<h2>Statistics: each sweep point against sgd</h2>\n"
                            "<table id=\"stats\">"));
  CHECK_THAT(page, Contains("<tr><td>final cost_test</td><td>momentum &lt;0.9&gt;</td><td>sgd</td>"
                            "<td class=\"num\">20 pairs</td>"));
  CHECK_THAT(page, Contains("<li>p (Holm): corrected</li>"));
  // the differences plot sits with the table, after it, not with the sweep's plots
  const auto table = page.find("<table id=\"stats\">");
  const auto differences = page.find("src=\"plots/differences-cost_test.png\"");
  const auto convergence = page.find("src=\"plots/convergence-cost_test.png\"");
  CHECK(convergence < table);
  CHECK(table < differences);
  CHECK(differences < page.find("<h2>Runs</h2>"));
}
