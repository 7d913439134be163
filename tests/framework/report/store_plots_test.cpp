#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/report/store_plots.hpp"
#include "support/plot_files.hpp"
#include "support/plugins.hpp"
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
  std::vector<std::string> expected{"convergence-accuracy_test", "convergence-cost_test",
                                    "heatmap-cost_test",         "importance-cost_test",
                                    "parallel-cost_test",        "slice-cost_test",
                                    "speed-cost_test",           "sweep-accuracy_test",
                                    "sweep-cost_test"};
  for (const auto& [label, run] : best) {
    expected.push_back("cost-" + run->record.id);
    expected.push_back("decision-" + run->record.id);
  }
  std::sort(expected.begin(), expected.end());

  nnlab::PlotRenderer renderer(tiny.dir.path() / "plots");
  const nnlab::StorePlots plots = nnlab::draw_store_plots(tiny.store, renderer, {}, loader());
  // two keys vary: no comparison of the groups with the first (that needs one key)
  CHECK(plots.notes == std::vector<std::string>{"differences: skipped: it compares the groups of "
                                                "one key, the runs are grouped by "
                                                "optimizer.plugin, optimizer.learning_rate"});
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
