#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "nnlab/report/stored_runs.hpp"
#include "support/plot_files.hpp"
#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

// The pictures of issue 20 as a student meets them: the shipped experiments run by the
// runner, their plots and report looked at file by file.

namespace {

const fs::path experiments = fs::path(NNLAB_SOURCE_DIR) / "experiments";

/// The best run (lowest final test cost) of each sweep point (label).
std::vector<const nnlab::StoredRun*> best_of_each_point(const std::vector<nnlab::StoredRun>& runs) {
  std::vector<const nnlab::StoredRun*> best;
  for (const auto& run : runs) {
    auto same = std::find_if(best.begin(), best.end(),
                             [&](const auto* b) { return b->record.label == run.record.label; });
    if (same == best.end())
      best.push_back(&run);
    else if (nnlab::final_value(run, "cost_test") < nnlab::final_value(**same, "cost_test"))
      *same = &run;
  }
  return best;
}

void check_pictures(const fs::path& plots, const std::string& id, std::size_t frames) {
  for (const char* kind : {"neurons-", "network-", "confusion-", "roc-"}) {
    const fs::path png = plots / (kind + id + ".png");
    CAPTURE(png);
    CHECK(nnlab::test::is_png(png));
    CHECK(fs::file_size(png) > 10000);
    CHECK(fs::exists(plots / (kind + id + ".gp")));
    CHECK(fs::exists(plots / (kind + id + ".dat")));
  }
  const fs::path gif = plots / ("movie-" + id + ".gif");
  CAPTURE(gif);
  CHECK(nnlab::test::gif_frames(gif) == frames + 15); // every snapshot, the last held
}

/// The summary.csv row of run `id`, split at commas (the labels here have none).
std::vector<std::string> summary_row(const fs::path& csv, const std::string& id) {
  std::istringstream lines(nnlab::test::read_text(csv));
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with(id + ",")) {
      std::vector<std::string> fields;
      std::istringstream cells(line);
      for (std::string cell; std::getline(cells, cell, ',');)
        fields.push_back(cell);
      if (line.ends_with(',')) fields.emplace_back(); // an empty last field
      return fields;
    }
  return {};
}

} // namespace

TEST_CASE("RunnerPictures: xor_inside.yaml's report shows the neurons, the network and the "
          "movie, and the snapshots change neither run id nor results",
          "[runner][plot][pictures]") {
  const nnlab::test::TempDir dir;
  const auto inside = run_runner((experiments / "xor_inside.yaml").string() + " --out " +
                                 (dir.path() / "results").string() + " -q");
  INFO(inside.output);
  REQUIRE(inside.status == 0);
  const auto plain = run_runner((experiments / "xor.yaml").string() + " --out " +
                                (dir.path() / "results").string() + " -q --no-plots");
  REQUIRE(plain.status == 0);

  const fs::path folder = dir.path() / "results/xor_inside";
  const auto runs = nnlab::load_runs((folder / "runs.h5").string(), nnlab::RunParts::weights);
  const auto course =
      nnlab::load_runs((dir.path() / "results/xor/runs.h5").string(), nnlab::RunParts::weights);
  REQUIRE(runs.size() == 1);
  REQUIRE(course.size() == 1);
  const nnlab::RunRecord& run = runs[0].record;
  // The same run as xor.yaml's: same id, the same bits in every series and weight.
  CHECK(run.id == course[0].record.id);
  for (const auto& spec : nnlab::stored_series())
    CHECK(arma::approx_equal(run.series.*spec.recorded, course[0].record.series.*spec.recorded,
                             "absdiff", 0.0));
  REQUIRE(run.weights.size() == course[0].record.weights.size());
  for (std::size_t w = 0; w < run.weights.size(); ++w)
    CHECK(arma::approx_equal(run.weights[w].second, course[0].record.weights[w].second, "absdiff",
                             0.0));
  CHECK(run.evaluation.finals == course[0].record.evaluation.finals);
  CHECK(run.evaluation.finals.size() == 4); // no validation set
  CHECK(course[0].record.snapshots.empty());
  REQUIRE(run.snapshots.iterations.size() == 80);
  CHECK(run.snapshots.iterations.front() == 0);
  CHECK(run.snapshots.iterations.back() == 5000);

  check_pictures(folder / "plots", run.id, 80);
  CHECK_THAT(inside.output, Contains("1 GIF"));
  const std::string page = nnlab::test::read_text(folder / "report.html");
  for (const char* kind : {"neurons-", "network-", "confusion-", "roc-", "decision-", "cost-"})
    CHECK_THAT(page, Contains(std::string("<img src=\"plots/") + kind + run.id + ".png\""));
  CHECK_THAT(page, Contains("<img src=\"plots/movie-" + run.id + ".gif\""));

  // The evaluation numbers, stored once, in summary.csv and the report's run table.
  const auto* test = run.evaluation.find("test");
  REQUIRE(test != nullptr);
  CHECK(arma::accu(test->confusion) == 500); // the 500 test points
  CHECK(test->roc_auc > 0.9);                // seed 42 learns XOR
  const auto row = summary_row(folder / "summary.csv", run.id);
  REQUIRE(row.size() == 17); // f1_test and auc_test after the validation columns
  CHECK(std::stod(row[13]) == test->f1_score);
  CHECK(std::stod(row[14]) == test->roc_auc);
  CHECK_THAT(page, Contains("<th onclick=\"sortTable(this)\">AUC test</th>"));
}

TEST_CASE("RunnerPictures: spiral.yaml with snapshots renders every picture of each group's "
          "best run",
          "[runner][plot][pictures]") {
  const nnlab::test::TempDir dir;
  const auto spiral = run_runner((experiments / "spiral.yaml").string() +
                                 " training.iterations=300 training.snapshots=30 --out " +
                                 (dir.path() / "results").string() + " -q");
  INFO(spiral.output);
  REQUIRE(spiral.status == 0);
  const fs::path folder = dir.path() / "results/spiral";
  const auto runs = nnlab::load_runs((folder / "runs.h5").string());
  REQUIRE(runs.size() == 4);
  const auto best = best_of_each_point(runs);
  REQUIRE(best.size() == 2);
  for (const auto* run : best)
    check_pictures(folder / "plots", run->record.id, 30);
  // Wide layers: 32 maps per hidden layer, in 4 columns of 8.
  const auto blocks =
      nnlab::test::read_data_blocks(folder / "plots" / ("neurons-" + best[0]->record.id + ".dat"));
  CHECK(blocks.size() == 2 + 32 + 32 + 1 + 1); // and the empty block after the last
  // runner plot draws the same pictures again, and any other run's with --run.
  const auto again =
      run_runner("plot " + (folder / "runs.h5").string() +
                 " --kind movie --kind neurons --run 1 --out " + (dir.path() / "again").string());
  INFO(again.output);
  REQUIRE(again.status == 0);
  for (const auto* run : best)
    CHECK(nnlab::test::gif_frames(dir.path() / "again" / ("movie-" + run->record.id + ".gif")) ==
          45);
}

TEST_CASE("RunnerPictures: a run with a validation set stores the validation split's "
          "evaluation and draws its confusion matrix and curves beside the test split's",
          "[runner][plot][pictures][validation]") {
  const nnlab::test::TempDir dir;
  const auto trained = run_runner((experiments / "xor.yaml").string() +
                                  " training.iterations=60 training.validation_fraction=0.2 "
                                  "optimizer.learning_rate=0.5 --no-plots -q --out " +
                                  (dir.path() / "results").string());
  INFO(trained.output);
  REQUIRE(trained.status == 0);
  const fs::path store = dir.path() / "results/xor/runs.h5";
  const auto runs = nnlab::load_runs(store.string(), nnlab::RunParts::weights);
  REQUIRE(runs.size() == 1);
  const nnlab::RunRecord& run = runs[0].record;
  REQUIRE(run.evaluation.splits.size() == 2);
  const nnlab::SplitEvaluation& valid = run.evaluation.splits[1];
  CHECK(run.evaluation.splits[0].split == "test");
  CHECK(valid.split == "valid");
  // 200 of the 1000 training points held out: the validation split's counts, and the
  // numbers worked from them as a student would.
  CHECK(arma::accu(valid.confusion) == 200);
  CHECK(valid.support[0] + valid.support[1] == 200);
  const auto C = arma::conv_to<arma::mat>::from(valid.confusion);
  for (arma::uword c = 0; c < 2; ++c) {
    CAPTURE(c);
    const double precision = C(c, c) / arma::accu(C.col(c));
    const double recall = C(c, c) / arma::accu(C.row(c));
    CHECK(valid.precision[c] == Approx(precision).epsilon(1e-15));
    CHECK(valid.recall[c] == Approx(recall).epsilon(1e-15));
    CHECK(valid.f1[c] == Approx(2 * precision * recall / (precision + recall)).epsilon(1e-15));
  }
  CHECK(valid.accuracy == run.evaluation.final_value("accuracy_valid"));
  CHECK(valid.accuracy == Approx(arma::trace(C) / 200).epsilon(1e-15));
  // The AUC is the trapezoids under the stored ROC points, the AP the precision-weighted
  // steps of recall along the stored PR points.
  REQUIRE(valid.roc.n_rows >= 2);
  double auc = 0.0, ap = 0.0, recall = 0.0;
  for (arma::uword r = 1; r < valid.roc.n_rows; ++r)
    auc += (valid.roc(r, 0) - valid.roc(r - 1, 0)) * (valid.roc(r, 1) + valid.roc(r - 1, 1)) / 2;
  for (arma::uword r = 0; r < valid.pr.n_rows; ++r)
    ap += (valid.pr(r, 0) - recall) * valid.pr(r, 1), recall = valid.pr(r, 0);
  CHECK(valid.roc_auc == Approx(auc).epsilon(1e-12));
  CHECK(valid.average_precision == Approx(ap).epsilon(1e-12));
  CHECK(valid.roc(valid.roc.n_rows - 1, 0) == 1.0);
  CHECK(recall == 1.0);
  CHECK(run.evaluation.finals.size() == 6);

  const fs::path plots = dir.path() / "plots";
  const auto drawn =
      run_runner("plot " + store.string() + " --kind confusion --kind roc --out " + plots.string());
  INFO(drawn.output);
  REQUIRE(drawn.status == 0);
  for (const char* kind : {"confusion-", "roc-"})
    CHECK(nnlab::test::is_png(plots / (kind + run.id + ".png")));
  // Two rows of panels: test, then validation; one curve per split.
  const std::string confusion = nnlab::test::read_text(plots / ("confusion-" + run.id + ".dat"));
  CHECK_THAT(confusion, Contains("# test: ") && Contains("# valid: "));
  const std::string confusion_gp = nnlab::test::read_text(plots / ("confusion-" + run.id + ".gp"));
  CHECK_THAT(confusion_gp,
             Contains("'validation: counts (accuracy ") && Contains("'test: counts (accuracy "));
  const std::string roc = nnlab::test::read_text(plots / ("roc-" + run.id + ".gp"));
  char legend[32];
  std::snprintf(legend, sizeof legend, "validation, AUC %.3f", valid.roc_auc);
  CHECK_THAT(roc, Contains(legend) && Contains("test, AUC "));
}

TEST_CASE("RunnerPictures: runner plot says why a movie cannot be drawn", "[runner][plot]") {
  const nnlab::test::TempDir dir;
  const auto plain = run_runner((experiments / "xor.yaml").string() +
                                " training.iterations=20 --no-plots -q --out " +
                                (dir.path() / "results").string());
  REQUIRE(plain.status == 0);
  const auto movie =
      run_runner("plot " + (dir.path() / "results/xor/runs.h5").string() + " --kind movie");
  CHECK(movie.status == 0);
  CHECK_THAT(movie.output, Contains("movie: skipped: no snapshots stored (set training.snapshots; "
                                    "runs already done need --force)") &&
                               Contains("0 plot(s)"));
  // --neurons goes with the movie: asked without it, nothing is drawn.
  const auto neurons = run_runner("plot " + (dir.path() / "results/xor/runs.h5").string() +
                                  " --kind confusion --neurons");
  CHECK(neurons.status == 2);
  CHECK_THAT(neurons.output, Contains("runner: error: command line: --neurons adds the neurons to "
                                      "the movie; --kind does not ask for movie"));
}
