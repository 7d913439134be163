#include <catch2/catch.hpp>

#include <sstream>

#include "nnlab/report/statistics_table.hpp"
#include "nnlab/train/series.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

nnlab::GroupStatistics example() {
  nnlab::GroupStatistics statistics;
  statistics.metric = "cost_valid";
  statistics.target = 0.05;
  statistics.baseline = "sgd";
  nnlab::StatisticsRow paired;
  paired.group = "momentum";
  paired.baseline = "sgd";
  paired.colour = 1;
  paired.result = {true,
                   3,
                   3,
                   -0.25,
                   -0.4,
                   -0.1,
                   0.25,
                   1.0,
                   "Wilcoxon signed-rank, exact",
                   "95 % percentile bootstrap of the median, 10000 resamples"};
  paired.p_holm = 0.5;
  paired.seeds = {1, 2, 3};
  paired.differences = {-0.4, -0.25, -0.1};
  nnlab::StatisticsRow unpaired;
  unpaired.group = "adam, tuned";
  unpaired.baseline = "sgd";
  unpaired.iterations = true;
  unpaired.result = {false,
                     4,
                     3,
                     -120,
                     -INFINITY,
                     40,
                     0.031,
                     0.75,
                     "Mann-Whitney U, exact",
                     "95 % Hodges-Lehmann interval, exact"};
  unpaired.p_holm = 0.062;
  unpaired.note = "seeds differ: 4 5 6 7 against 1 2 3";
  statistics.rows = {paired, unpaired};
  return statistics;
}

} // namespace

TEST_CASE("StatisticsTable: the rows as printed and shown", "[report][statistics]") {
  const auto rows = nnlab::statistics_rows(example());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == std::vector<std::string>{"measure", "group", "baseline", "n", "difference",
                                            "95 % interval", "p", "p (Holm)", "win rate", "test",
                                            "verdict"});
  CHECK(rows[1] == std::vector<std::string>{"final cost_valid", "momentum", "sgd", "3 pairs",
                                            "-0.25", "[-0.4, -0.1]", "0.25", "0.5", "100 %",
                                            "signed-rank", "no clear difference"});
  CHECK(rows[2] == std::vector<std::string>{"iterations to cost_valid <= 0.05", "adam, tuned",
                                            "sgd", "4 vs 3", "-120", "[-inf, 40]", "0.031", "0.062",
                                            "75 %", "rank-sum", "no clear difference"});
  // Holm's p below 5 %: the side the win rate leans to
  auto clear = example();
  clear.rows[0].p_holm = 0.01;
  clear.rows[1].p_holm = 0.04;
  clear.rows[1].result.win_rate = 0.25;
  CHECK(nnlab::statistics_rows(clear)[1].back() == "better");
  CHECK(nnlab::statistics_rows(clear)[2].back() == "worse");
  clear.rows[1].result.win_rate = 0.5;
  CHECK(nnlab::statistics_rows(clear)[2].back() == "no clear difference");
  clear.rows[1].p_holm = NAN;
  CHECK(nnlab::statistics_rows(clear)[2].back() == "-");
  CHECK(nnlab::comparison_verdict(clear.rows[1], 0.05).empty());
  const auto notes = nnlab::statistics_notes(example());
  std::string all;
  for (const auto& note : notes)
    all += note + "\n";
  CHECK_THAT(all, Contains("10000 resamples, seed 1") && Contains("Hodges-Lehmann") &&
                      Contains("corrected for the 2 comparisons") &&
                      Contains("never reached the target counts as later"));
  // 3 pairs: all three of one sign give p = 2 / 2^3 at best
  CHECK_THAT(all, Contains("with 3 pairs no p-value can go below 0.25, whatever the runs do"));
  auto many = example();
  many.rows[0].result.n = many.rows[0].result.n_baseline = 6; // 2 / 2^6 = 0.031
  many.rows[1].iterations = false;                            // 4 vs 3: 2 / 35 = 0.057
  std::string notes_many;
  for (const auto& note : nnlab::statistics_notes(many))
    notes_many += note + "\n";
  CHECK_THAT(notes_many, !Contains("pairs no p-value") &&
                             Contains("with 4 vs 3 no p-value can go below 0.057"));
  std::ostringstream out;
  nnlab::print_statistics(example(), out);
  CHECK_THAT(out.str(), StartsWith("statistics: each group against sgd\nmeasure    "));
  // notes wrap at 100 characters, and "95 %" is never cut in two
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("  ", 0) == 0) CHECK(line.rfind("  %", 0) != 0);
  CHECK_THAT(out.str(), Contains("\nfinal cost_valid                  momentum     sgd       "
                                 "3 pairs       -0.25  "));
}

TEST_CASE("StatisticsTable: stats.csv, one row per comparison", "[report][statistics]") {
  const nnlab::test::TempDir dir;
  nnlab::write_statistics_csv(example(), dir.path() / "stats.csv");
  const std::string csv = nnlab::test::read_text(dir.path() / "stats.csv");
  CHECK_THAT(csv, StartsWith("group,baseline,metric,target,n,n_baseline,paired,median_difference,"
                             "ci_low,ci_high,p_value,p_holm,win_rate,test,interval,note,verdict\n"
                             "momentum,sgd,cost_valid,,3,3,true,-0.25,-0.40000000000000002,"
                             "-0.10000000000000001,0.25,0.5,1,\"Wilcoxon signed-rank, exact\","));
  CHECK_THAT(csv, Contains("\n\"adam, tuned\",sgd,iterations_to_target,0.050000000000000003,4,3,"
                           "false,-120,-inf,40,0.031,0.062,0.75,"));
  CHECK_THAT(csv, Contains(",seeds differ: 4 5 6 7 against 1 2 3,no clear difference\n"));
}

TEST_CASE("StatisticsTable: a difference plot per measure", "[report][statistics]") {
  const nnlab::test::TempDir dir;
  nnlab::PlotRenderer renderer(dir.path());
  nnlab::add_statistics_plots(renderer, example(), "study");
  const auto images = renderer.render();
  REQUIRE(images.size() == 2);
  CHECK(images[0].filename() == "differences-cost_valid.png");
  CHECK(images[1].filename() == "differences-iterations-cost_valid.png");
  const std::string script = nnlab::test::read_text(dir.path() / "differences-cost_valid.gp");
  CHECK_THAT(script, Contains("'study: final " + nnlab::series_title("cost_valid") +
                              ", group - sgd per seed'"));
  CHECK_THAT(script, Contains("title 'median, 95 % interval'"));
  CHECK_THAT(script, Contains("'momentum (3 seeds)'"));
  const std::string iterations =
      nnlab::test::read_text(dir.path() / "differences-iterations-cost_valid.gp");
  CHECK_THAT(iterations, Contains("'adam, tuned (unpaired)'"));
  CHECK_THAT(iterations, Contains("title 'Hodges-Lehmann shift, 95 % interval'"));
}
