#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "nnlab/report/sweep_analysis.hpp"
#include "support/plot_files.hpp"
#include "support/tiny_store.hpp"

using Catch::Matchers::Contains;

namespace {

nnlab::SweepPoint point(std::vector<std::string> values, std::vector<double> finals,
                        std::size_t first_run) {
  nnlab::SweepPoint p;
  for (const auto& v : values)
    p.numbers.push_back(v == "sgd" || v == "adam" ? std::nan("") : std::stod(v));
  p.values = std::move(values);
  p.finals = std::move(finals);
  p.runs.resize(p.finals.size());
  p.first_run = first_run;
  p.median = nnlab::median(p.finals);
  return p;
}

} // namespace

TEST_CASE("SweepPoints: a stored grid as points, keys, levels and log axes", "[report][plots]") {
  const nnlab::test::TinyStore tiny;
  const auto overview = nnlab::load_experiment_store(tiny.store, nnlab::RunParts::overview);
  const auto groups = nnlab::group_runs(overview.runs, tiny.store.string());
  const auto sweep = nnlab::sweep_points(overview, groups, "cost_test", true);
  CHECK(sweep.mode == "grid");
  CHECK(sweep.log_metric);
  REQUIRE(sweep.keys.size() == 2);
  CHECK(sweep.keys[0].path == "optimizer.plugin");
  CHECK_FALSE(sweep.keys[0].numeric);
  CHECK(sweep.keys[0].levels == std::vector<std::string>{"sgd", "momentum"});
  CHECK(sweep.keys[1].path == "optimizer.learning_rate");
  CHECK(sweep.keys[1].numeric);
  CHECK(sweep.keys[1].log_scale); // 0.05 and 0.5: a decade
  REQUIRE(sweep.points.size() == 4);
  for (const auto& p : sweep.points) {
    REQUIRE(p.finals.size() == 2);
    std::vector<double> costs;
    for (const std::size_t r : p.runs)
      costs.push_back(nnlab::final_value(overview.runs[r], "cost_test"));
    CHECK(p.finals[0] == Approx(std::log10(costs[0])));
    // log10 of the median as stored (what every plot of a group shows), not the mean of logs
    CHECK(p.median == Approx(std::log10(0.5 * (costs[0] + costs[1]))));
  }
  const auto keys = nnlab::analysis_keys(overview.runs);
  CHECK(std::find(keys.begin(), keys.end(), "optimizer.plugin") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "optimizer.learning_rate") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "seed") == keys.end());
  // With two seeds per point of a full grid: the variance is split.
  CHECK(nnlab::key_importance(sweep).method == nnlab::KeyImportance::Method::variance_split);
}

TEST_CASE("SweepPoints: the sweep mode and its log-uniform keys come from the stored file",
          "[report][plots]") {
  CHECK(nnlab::sweep_mode("name: a\nsweep:\n  mode: random\n  samples: 3\n") == "random");
  CHECK(nnlab::sweep_mode("name: a\nsweep:\n  x: [1, 2]\n") == "grid");
  CHECK(nnlab::sweep_mode("name: a\n") == "grid");
  CHECK(nnlab::sweep_mode(": : not yaml [") == "grid");
  CHECK(nnlab::is_search_mode("random"));
  CHECK(nnlab::is_search_mode("tpe"));
  CHECK_FALSE(nnlab::is_search_mode("zip"));
}

TEST_CASE("SweepAnalysis: slices join the points of a grid that differ in one key",
          "[report][plots]") {
  nnlab::SweepPoints sweep;
  sweep.metric = "cost_test";
  sweep.keys = {{"optimizer.plugin", false, false, {"sgd", "adam"}},
                {"optimizer.learning_rate", true, true, {"0.1", "0.01"}}};
  sweep.points = {
      point({"sgd", "0.1"}, {0.3, 0.1, 0.2}, 0), point({"sgd", "0.01"}, {0.5, 0.4, 0.6}, 3),
      point({"adam", "0.1"}, {0.05, 0.01, 0.02}, 6), point({"adam", "0.01"}, {0.2, 0.3, 0.1}, 9)};
  const auto panels = nnlab::slice_panels(sweep);
  REQUIRE(panels.size() == 1); // the plugin is not numeric
  CHECK(panels[0].key == "optimizer.learning_rate");
  CHECK(panels[0].log_x);
  REQUIRE(panels[0].curves.size() == 2);
  const auto& sgd = panels[0].curves[0];
  CHECK(sgd.label == "sgd");
  CHECK(sgd.connected);
  CHECK(sgd.x[0] == 0.01); // sorted by x
  CHECK(sgd.median[0] == Approx(0.5));
  CHECK(sgd.low[0] == Approx(0.4));
  CHECK(sgd.high[0] == Approx(0.6));
  CHECK(sgd.median[1] == Approx(0.2));
  CHECK(panels[0].curves[1].label == "adam");

  // A search's points do not line up: one curve of dots with bars.
  sweep.points[1].values[0] = "adam";
  sweep.points[1].values[1] = "0.02";
  sweep.points[1].numbers[1] = 0.02;
  const auto scattered = nnlab::slice_panels(sweep);
  REQUIRE(scattered[0].curves.size() == 1);
  CHECK_FALSE(scattered[0].curves[0].connected);
  CHECK(scattered[0].curves[0].x.n_elem == 4);
}

TEST_CASE("SweepAnalysis: the history is the best median so far against runs spent",
          "[report][plots]") {
  nnlab::SweepPoints sweep;
  sweep.metric = "cost_test";
  sweep.mode = "random";
  sweep.keys = {{"x", true, false, {}}};
  // Stored out of order: history follows the sweep index of each point's first run.
  sweep.points = {point({"1"}, {0.4, 0.6}, 2), point({"2"}, {0.9, 0.7}, 0),
                  point({"3"}, {std::nan(""), std::nan("")}, 4), point({"4"}, {0.1, 0.3}, 6)};
  const auto history = nnlab::search_history(sweep, {false, false, false, true});
  CHECK(arma::approx_equal(history.runs, arma::vec{2, 4, 6, 8}, "absdiff", 0));
  CHECK(history.value[0] == Approx(0.8));
  CHECK(history.value[1] == Approx(0.5));
  CHECK(std::isnan(history.value[2]));
  CHECK(arma::approx_equal(history.best, arma::vec{0.8, 0.5, 0.5, 0.2}, "absdiff", 1e-12));
  CHECK(history.pruned[3] == 1);
  CHECK(history.pruned[0] == 0);
}

TEST_CASE("SweepAnalysis: the four plots of a search drawn, the grid-only notes said",
          "[report][plots]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  nnlab::SweepPoints sweep;
  sweep.metric = "cost_test";
  sweep.mode = "random";
  sweep.log_metric = false;
  sweep.keys = {{"optimizer.plugin", false, false, {"sgd", "adam"}},
                {"optimizer.learning_rate", true, true, {"0.1", "0.01", "0.03", "0.003"}}};
  sweep.points = {
      point({"sgd", "0.1"}, {0.3, 0.1, 0.2}, 0), point({"sgd", "0.01"}, {0.5, 0.4, 0.6}, 3),
      point({"adam", "0.03"}, {0.05, 0.01, 0.02}, 6), point({"adam", "0.003"}, {0.2, 0.3, 0.1}, 9)};
  const auto notes = nnlab::add_sweep_analysis_plots(renderer, sweep, "search",
                                                     [](const std::string&) { return true; });
  CHECK(notes.empty());
  const auto images = renderer.render();
  REQUIRE(images.size() == 4);
  for (const auto& image : images)
    CHECK(nnlab::test::is_png(image));
  const std::string importance = nnlab::test::read_text(tmp.path() / "importance-cost_test.gp");
  CHECK_THAT(importance, Contains("not a variance split: a random sweep is not a grid"));
  const auto parallel = nnlab::test::read_data_blocks(tmp.path() / "parallel-cost_test.dat");
  REQUIRE(parallel.size() == 1);
  REQUIRE(parallel[0].size() == 4);
  // plugin index, log10 learning rate, median cost, colour = median cost
  CHECK(parallel[0][0][0] == 0.0);
  CHECK(parallel[0][0][1] == Approx(-1.0));
  CHECK(parallel[0][0][2] == Approx(0.2));
  CHECK(parallel[0][2][0] == 1.0);
  const auto history = nnlab::test::read_data_blocks(tmp.path() / "history-cost_test.dat");
  REQUIRE(history[0].size() == 4);
  CHECK(history[0][3][0] == 12.0);
  CHECK(history[0][3][2] == Approx(0.02));

  nnlab::PlotRenderer grid_renderer(tmp.path() / "grid");
  sweep.mode = "grid";
  sweep.keys.pop_back();
  for (auto& p : sweep.points) {
    p.values.pop_back();
    p.numbers.pop_back();
  }
  const auto skipped = nnlab::add_sweep_analysis_plots(grid_renderer, sweep, "grid",
                                                       [](const std::string&) { return true; });
  CHECK(skipped == std::vector<std::string>{
                       "parallel: skipped: it needs two keys that vary, the sweep varies 1",
                       "slice: skipped: it needs two keys that vary, the sweep varies 1",
                       "importance: skipped: it needs two keys that vary, the sweep varies 1",
                       "history: skipped: a grid sweep is not a search"});
}
