#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/report/store_plots.hpp"
#include "support/plot_files.hpp"
#include "support/plugins.hpp"
#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"
#include "support/tiny_store.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

// The plot driver against a real store (2 optimizers x 2 rates x 2 seeds on XOR); what
// runner plot and the end of a sweep make of it is in tests/runner.

namespace {

nnlab::DataLoader loader() {
  auto datasets = std::make_shared<nnlab::DatasetCache>(nnlab::test::registry());
  return [datasets](const nnlab::PluginBlock& block) { return datasets->get(block); };
}

std::vector<std::string> stems(const std::vector<fs::path>& images) {
  std::vector<std::string> names;
  for (const auto& image : images)
    names.push_back(image.stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

TEST_CASE("StorePlots: the experiment's plots and each group's best run, data from a loader",
          "[report][plots]") {
  const nnlab::test::TinyStore tiny;
  const auto overview = nnlab::load_experiment_store(tiny.store, nnlab::RunParts::overview);
  // The best final test cost of each sweep point (label), from the overview alone.
  std::map<std::string, const nnlab::StoredRun*> best;
  for (const auto& run : overview.runs) {
    const nnlab::StoredRun*& kept = best[run.record.label];
    if (!kept || nnlab::final_value(run, "cost_test") < nnlab::final_value(*kept, "cost_test"))
      kept = &run;
  }
  REQUIRE(best.size() == 4);
  std::vector<std::string> expected{
      "convergence-accuracy_test", "convergence-cost_test", "heatmap-cost_test",
      "importance-cost_test",      "parallel-cost_test",    "slice-cost_test",
      "speed-cost_test",           "sweep-accuracy_test",   "sweep-cost_test"};
  // The course's net on 2-D binary data: every picture of a run but the movie (no
  // snapshots stored).
  for (const auto& [label, run] : best)
    for (const char* kind : {"cost-", "decision-", "neurons-", "network-", "confusion-", "roc-"})
      expected.push_back(kind + run->record.id);
  std::sort(expected.begin(), expected.end());

  nnlab::PlotRenderer renderer(tiny.dir.path() / "plots");
  const nnlab::StorePlots plots = nnlab::draw_store_plots(tiny.store, renderer, {}, loader());
  // two keys vary: no comparison of the groups with the first (that needs one key)
  CHECK(plots.notes == std::vector<std::string>{"differences: skipped: it compares the groups of "
                                                "one key, the runs are grouped by "
                                                "optimizer.plugin, optimizer.learning_rate",
                                                "movie: skipped: no snapshots stored (set "
                                                "training.snapshots; runs already done need "
                                                "--force)"});
  CHECK_FALSE(plots.statistics);
  CHECK(stems(plots.images) == expected);
  for (const auto& image : plots.images)
    CHECK(nnlab::test::is_png(image));
}

TEST_CASE("StorePlots: without a data loader the decision surfaces are left out, with a note",
          "[report][plots]") {
  const nnlab::test::TinyStore tiny;
  nnlab::PlotRenderer renderer(tiny.dir.path() / "plots");
  nnlab::StorePlotOptions options;
  options.kinds = {"decision", "cost"};
  const nnlab::StorePlots plots = nnlab::draw_store_plots(tiny.store, renderer, options, {});
  CHECK(plots.notes ==
        std::vector<std::string>{"decision: skipped: no plugins to re-load the data with"});
  CHECK(plots.images.size() == 4); // one cost plot per sweep point
}

TEST_CASE("StorePlots: run_ids restrict the runs plotted, as the end of a sweep does",
          "[report][plots]") {
  const nnlab::test::TinyStore tiny;
  const auto all = nnlab::load_experiment_store(tiny.store, nnlab::RunParts::overview);
  nnlab::StorePlotOptions options;
  options.kinds = {"sweep"};
  for (const auto& run : all.runs)
    if (run.record.label.starts_with("sgd")) options.run_ids.push_back(run.record.id);
  REQUIRE(options.run_ids.size() == 4);
  nnlab::PlotRenderer renderer(tiny.dir.path() / "plots");
  nnlab::draw_store_plots(tiny.store, renderer, options, loader());
  const auto blocks = nnlab::test::read_data_blocks(tiny.dir.path() / "plots/sweep-cost_test.dat");
  CHECK(blocks.size() == 4);
  CHECK_THAT(nnlab::test::read_text(tiny.dir.path() / "plots/sweep-cost_test.gp"),
             !Contains("momentum"));
}

TEST_CASE("StorePlots: the pictures of a run with snapshots, for --run and the best of a group",
          "[report][plots]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write(
      "inside.yaml",
      nnlab::test::xor_experiment("inside", "model: {layers: [3, 2, 1]}\n"
                                            "optimizer: {plugin: sgd, learning_rate: 0.5}\n"
                                            "training: {iterations: 200, snapshots: 33}\n"
                                            "seeds: [1, 2]\n"));
  const auto run = nnlab::test::run_runner(
      yaml.string() + " --out " + (dir.path() / "results").string() + " --no-plots --quiet");
  INFO(run.output);
  REQUIRE(run.status == 0);
  const fs::path store = dir.path() / "results/inside/runs.h5";
  const auto overview = nnlab::load_experiment_store(store, nnlab::RunParts::overview);
  REQUIRE(overview.runs.size() == 2);
  const auto& best = nnlab::final_value(overview.runs[0], "cost_test") <
                             nnlab::final_value(overview.runs[1], "cost_test")
                         ? overview.runs[0]
                         : overview.runs[1];
  const auto& other = &best == &overview.runs[0] ? overview.runs[1] : overview.runs[0];

  nnlab::StorePlotOptions options;
  options.kinds = {"neurons", "network", "movie", "confusion", "roc"};
  options.runs = {other.record.id.substr(0, 6)}; // a unique prefix
  nnlab::PlotRenderer renderer(dir.path() / "plots");
  const auto plots = nnlab::draw_store_plots(store, renderer, options, loader());
  CHECK(plots.notes.empty());
  std::vector<std::string> expected;
  for (const auto* r : {&best, &other})
    for (const char* kind : {"confusion-", "movie-", "network-", "neurons-", "roc-"})
      expected.push_back(kind + r->record.id);
  std::sort(expected.begin(), expected.end());
  CHECK(stems(plots.images) == expected);
  for (const auto& image : plots.images) {
    CAPTURE(image);
    if (image.extension() == ".gif")
      CHECK(nnlab::test::gif_frames(image) == 33 + 15); // every snapshot, the last held
    else
      CHECK(nnlab::test::is_png(image));
  }
  // The confusion matrix drawn is the one stored.
  const auto stored = read_stored_run(nnlab::RunStore::open_read_only(store), best.record.id,
                                      nnlab::RunParts::weights);
  const auto* test = stored.record.evaluation.find("test");
  REQUIRE(test != nullptr);
  const auto blocks = nnlab::test::read_data_blocks(dir.path() / "plots" /
                                                    ("confusion-" + best.record.id + ".dat"));
  REQUIRE(blocks[0].size() == 4);
  for (const auto& row : blocks[0])
    CHECK(row[2] == static_cast<double>(test->confusion(static_cast<arma::uword>(row[1]),
                                                        static_cast<arma::uword>(row[0]))));
}

TEST_CASE("StorePlots: kinds that do not apply are left out with a note saying why",
          "[report][plots]") {
  const nnlab::test::TinyStore tiny;
  nnlab::PlotRenderer renderer(tiny.dir.path() / "plots");
  nnlab::StorePlotOptions options;
  options.kinds = {"movie", "neurons"};
  const auto plots = nnlab::draw_store_plots(tiny.store, renderer, options, {});
  CHECK(plots.images.empty());
  CHECK(plots.notes ==
        std::vector<std::string>{"movie: skipped: no snapshots stored (set training.snapshots; "
                                 "runs already done need --force)",
                                 "neurons: skipped: no plugins to re-load the data with"});
}
