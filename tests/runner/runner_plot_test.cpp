#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "nnlab/report/run_groups.hpp"
#include "support/plot_files.hpp"
#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"
#include "support/tiny_store.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using nnlab::test::is_png;
using nnlab::test::run_runner;
namespace fs = std::filesystem;
using nnlab::test::TinyStore;

namespace {

/// The runs of each sweep point (by the label the engine stored), in sweep order.
std::vector<std::vector<const nnlab::StoredRun*>>
by_label(const std::vector<nnlab::StoredRun>& runs) {
  std::vector<std::string> labels;
  std::vector<std::vector<const nnlab::StoredRun*>> groups;
  for (const auto& run : runs) {
    const auto it = std::find(labels.begin(), labels.end(), run.record.label);
    if (it == labels.end()) {
      labels.push_back(run.record.label);
      groups.emplace_back();
    }
    groups[static_cast<std::size_t>(std::find(labels.begin(), labels.end(), run.record.label) -
                                    labels.begin())]
        .push_back(&run);
  }
  return groups;
}

void check_image(const fs::path& file) {
  CAPTURE(file);
  REQUIRE(is_png(file));
  CHECK(fs::file_size(file) > 5000);
}

/// The PNGs in `dir` whose name starts with `prefix` (cost-, decision-).
std::size_t own_plots(const fs::path& dir, const std::string& prefix) {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir))
    count +=
        entry.path().extension() == ".png" && entry.path().filename().string().starts_with(prefix);
  return count;
}

/// The names of the files in `dir`, sorted.
std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

TEST_CASE("RunnerPlot: every kind renders from a stored sweep and re-renders by hand",
          "[runner][plot]") {
  const TinyStore tiny;
  const auto result = run_runner("plot " + tiny.store.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  const fs::path plots = tiny.store.parent_path() / "plots";
  for (const char* stem :
       {"convergence-cost_test", "convergence-accuracy_test", "heatmap-cost_test",
        "speed-cost_test", "sweep-cost_test", "sweep-accuracy_test"}) {
    check_image(plots / (std::string(stem) + ".png"));
    CHECK(fs::exists(plots / (std::string(stem) + ".dat")));
    nnlab::test::check_renders_by_hand(plots / (std::string(stem) + ".png"));
  }
  // Every run a line of the sweep plots.
  CHECK(nnlab::test::read_data_blocks(plots / "sweep-cost_test.dat").size() == 8);
  // The best run (lowest final test cost) of each of the 4 sweep points, and no other run,
  // gets its cost and decision plots.
  const auto runs = nnlab::load_runs(tiny.store.string());
  REQUIRE(runs.size() == 8);
  CHECK(own_plots(plots, "cost-") == 4);
  CHECK(own_plots(plots, "decision-") == 4);
  for (const auto& group : by_label(runs)) {
    const auto best = *std::min_element(group.begin(), group.end(), [](auto* a, auto* b) {
      return nnlab::final_value(*a, "cost_test") < nnlab::final_value(*b, "cost_test");
    });
    check_image(plots / ("cost-" + best->record.id + ".png"));
    check_image(plots / ("decision-" + best->record.id + ".png"));
    CHECK_THAT(nnlab::test::read_text(plots / ("cost-" + best->record.id + ".gp")),
               Contains(", best of 2 (seed " + std::to_string(best->record.seed)));
  }
}

TEST_CASE("RunnerPlot: the end of a sweep and runner plot draw the same plots of a store",
          "[runner][plot]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write(
      "same.yaml", nnlab::test::xor_experiment(
                       "same", "model: {layers: [3, 2, 1]}\n"
                               "optimizer: {plugin: sgd, learning_rate: 0.05}\n"
                               "training: {iterations: 30}\n"
                               "sweep:\n  optimizer: [{plugin: sgd}, {plugin: momentum}]\n"
                               "  optimizer.learning_rate: [0.05, 0.5]\n"
                               "seeds: [1, 2]\n"));
  const auto sweep = run_runner(yaml.string() + " --out " + (dir.path() / "results").string());
  INFO(sweep.output);
  REQUIRE(sweep.status == 0);
  const fs::path experiment = dir.path() / "results/same";
  const fs::path again = dir.path() / "again";
  const auto plot =
      run_runner("plot " + (experiment / "runs.h5").string() + " --out " + again.string());
  INFO(plot.output);
  REQUIRE(plot.status == 0);
  const auto drawn = files_in(experiment / "plots");
  // 9 for the experiment, 6 per sweep point (cost, decision, neurons, network, confusion,
  // roc); each .png .gp .dat
  REQUIRE(drawn.size() > 3 * 33);
  CHECK(drawn == files_in(again));
  for (const auto& name : drawn)
    if (!name.ends_with(".png") && name != "gnuplot.log") {
      CAPTURE(name);
      CHECK(nnlab::test::read_text(experiment / "plots" / name) ==
            nnlab::test::read_text(again / name));
    }
  CHECK_THAT(sweep.output, Contains("(33 PNG;"));
  // The report shows that same set.
  const std::string page = nnlab::test::read_text(experiment / "report.html");
  std::size_t shown = 0;
  for (const auto& name : drawn)
    if (name.ends_with(".png")) {
      CAPTURE(name);
      CHECK_THAT(page, Contains("<img src=\"plots/" + name + "\""));
      ++shown;
    }
  std::size_t images = 0;
  for (auto at = page.find("<img "); at != std::string::npos; at = page.find("<img ", at + 1))
    ++images;
  CHECK(images == shown);
}

TEST_CASE("RunnerPlot: --run adds a run's own cost and decision plots", "[runner][plot]") {
  const TinyStore tiny;
  const auto runs = nnlab::load_runs(tiny.store.string());
  // The worse seed of the first sweep point: not drawn by default.
  const auto groups = by_label(runs);
  const auto& first = groups.front();
  const auto* worse =
      nnlab::final_value(*first[0], "cost_test") > nnlab::final_value(*first[1], "cost_test")
          ? first[0]
          : first[1];
  const std::string id = worse->record.id;
  const fs::path out = tiny.dir.path() / "one";
  const auto result = run_runner("plot " + tiny.store.string() + " --run " +
                                 std::to_string(worse->record.index + 1) + " --run " +
                                 runs.back().record.id.substr(0, 6) + " --out " + out.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  check_image(out / ("cost-" + id + ".png"));
  check_image(out / ("decision-" + id + ".png"));
  CHECK_THAT(nnlab::test::read_text(out / ("cost-" + id + ".gp")),
             Contains(worse->record.label + " seed=" + std::to_string(worse->record.seed)));
  check_image(out / ("cost-" + runs.back().record.id + ".png"));
  std::set<std::string> drawn{id, runs.back().record.id}; // and the best of each point
  for (const auto& group : by_label(runs))
    drawn.insert((*std::min_element(group.begin(), group.end(), [](auto* a, auto* b) {
                   return nnlab::final_value(*a, "cost_test") < nnlab::final_value(*b, "cost_test");
                 }))->record.id);
  CHECK(own_plots(out, "cost-") == drawn.size());
  CHECK(own_plots(out, "decision-") == drawn.size());

  const fs::path kinds = tiny.dir.path() / "kinds";
  const auto cost_only = run_runner("plot " + tiny.store.string() + " --run " + id +
                                    " --kind cost --out " + kinds.string());
  REQUIRE(cost_only.status == 0);
  CHECK(own_plots(kinds, "cost-") == 5);
  CHECK(own_plots(kinds, "decision-") == 0);

  const auto unknown = run_runner("plot " + tiny.store.string() + " --run zzzz");
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.output, StartsWith("runner: error: " + tiny.store.string() +
                                        ": no run 'zzzz'; expected a run id, a unique prefix "
                                        "or a run number; known: "));
  const auto elsewhere = run_runner("validate x.yaml --run 1");
  CHECK(elsewhere.output ==
        "runner: error: command line: --run goes with plot (see runner --help)\n");
}

TEST_CASE("RunnerPlot: --kind sweep draws every run as a line, a colour per group",
          "[runner][plot]") {
  const TinyStore tiny;
  const fs::path out = tiny.dir.path() / "sweep";
  const auto result =
      run_runner("plot " + tiny.store.string() + " --kind sweep --out " + out.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  CHECK(files_in(out) == std::vector<std::string>{"gnuplot.log", "sweep-accuracy_test.dat",
                                                  "sweep-accuracy_test.gp",
                                                  "sweep-accuracy_test.png", "sweep-cost_test.dat",
                                                  "sweep-cost_test.gp", "sweep-cost_test.png"});
  const auto blocks = nnlab::test::read_data_blocks(out / "sweep-cost_test.dat");
  const auto runs = nnlab::load_runs(tiny.store.string());
  REQUIRE(blocks.size() == 8);
  // Runs in group order (the sweep's points), each block the run's whole test cost.
  std::size_t b = 0;
  for (const auto& group : by_label(runs))
    for (const auto* run : group) {
      CAPTURE(b);
      REQUIRE(blocks[b].size() == run->record.series.cost_test.n_elem);
      CHECK_THAT(blocks[b].back()[1], WithinRel(run->record.series.cost_test.back(), 1e-8));
      ++b;
    }
  const std::string gp = nnlab::test::read_text(out / "sweep-cost_test.gp");
  CHECK_THAT(gp, Contains("title 'sgd learning_rate=0.05'"));
  CHECK_THAT(gp, Contains("title 'momentum learning_rate=0.5'"));
}

TEST_CASE("RunnerPlot: the data files hold the medians, bands, cells and speeds of the runs",
          "[runner][plot]") {
  const TinyStore tiny;
  const auto result =
      run_runner("plot " + tiny.store.string() + " --kind convergence --kind heatmap --kind speed");
  INFO(result.output);
  REQUIRE(result.status == 0);
  const fs::path plots = tiny.store.parent_path() / "plots";
  const auto runs = nnlab::load_runs(tiny.store.string());
  const auto groups = by_label(runs);
  REQUIRE(groups.size() == 4);

  const auto blocks = nnlab::test::read_data_blocks(plots / "convergence-cost_test.dat");
  REQUIRE(blocks.size() == 4);
  for (std::size_t g = 0; g < 4; ++g) {
    REQUIRE(groups[g].size() == 2);
    const arma::vec& a = groups[g][0]->record.series.cost_test;
    const arma::vec& b = groups[g][1]->record.series.cost_test;
    REQUIRE(blocks[g].size() == 60);
    for (std::size_t i = 0; i < 60; i += 7) {
      CAPTURE(g, i);
      CHECK(blocks[g][i][0] == static_cast<double>(i + 1));
      CHECK_THAT(blocks[g][i][1], WithinRel(0.5 * (a[i] + b[i]), 1e-8));
      CHECK_THAT(blocks[g][i][2], WithinRel(std::min(a[i], b[i]), 1e-8));
      CHECK_THAT(blocks[g][i][3], WithinRel(std::max(a[i], b[i]), 1e-8));
    }
  }

  // Rows: sgd, momentum; columns: learning rate 0.05, 0.5 (sweep order).
  const auto cells = nnlab::test::read_data_rows(plots / "heatmap-cost_test.dat");
  REQUIRE(cells.size() == 4);
  for (const auto& cell : cells) {
    const auto& group = groups[static_cast<std::size_t>(cell[1] * 2 + cell[0])];
    CAPTURE(cell[0], cell[1]);
    // Final values: the stored nets' (not the series' ends, one update earlier).
    CHECK_THAT(cell[2], WithinRel(0.5 * (nnlab::final_value(*group[0], "cost_test") +
                                         nnlab::final_value(*group[1], "cost_test")),
                                  1e-8));
  }

  // Target: 10x the best final test cost; each run's first iteration at or below it.
  double best = 1e300;
  for (const auto& run : runs)
    best = std::min(best, nnlab::final_value(run, "cost_test"));
  std::vector<double> reached;
  std::size_t never = 0;
  for (const auto& run : runs) {
    const arma::uvec hit = arma::find(run.record.series.cost_test <= 10 * best, 1);
    if (hit.is_empty())
      ++never;
    else
      reached.push_back(static_cast<double>(hit[0] + 1));
  }
  const auto speed = nnlab::test::read_data_blocks(plots / "speed-cost_test.dat");
  REQUIRE(speed.size() == 3);
  std::vector<double> drawn;
  for (const auto& row : speed[0]) // a "nan" placeholder row reads as an empty one
    if (!row.empty()) drawn.push_back(row[0]);
  std::sort(drawn.begin(), drawn.end());
  std::sort(reached.begin(), reached.end());
  CHECK(drawn == reached);
  std::size_t drawn_never = 0;
  for (const auto& row : speed[2])
    drawn_never += !row.empty();
  CHECK(drawn_never == never);
}

TEST_CASE("RunnerPlot: svg output, grouping by one key, and a heatmap that does not apply",
          "[runner][plot]") {
  const TinyStore tiny;
  const fs::path out = tiny.dir.path() / "svg";
  const auto result =
      run_runner("plot " + tiny.store.string() + " --format svg --out " + out.string() +
                 " --group-by optimizer.plugin --kind convergence --kind heatmap");
  INFO(result.output);
  REQUIRE(result.status == 0);
  CHECK_THAT(result.output, Contains("heatmap: skipped: it needs two group keys, the runs are "
                                     "grouped by optimizer.plugin"));
  const fs::path svg = out / "convergence-cost_test.svg";
  REQUIRE(fs::exists(svg));
  CHECK(nnlab::test::read_text(svg).starts_with("<?xml"));
  CHECK(nnlab::test::read_data_blocks(out / "convergence-cost_test.dat").size() == 2);
  CHECK_FALSE(fs::exists(out / "heatmap-cost_test.svg"));
  fs::remove(svg);
  const std::string by_hand = "cd '" + out.string() + "' && gnuplot convergence-cost_test.gp";
  REQUIRE(std::system(by_hand.c_str()) == 0);
  CHECK(nnlab::test::read_text(svg).starts_with("<?xml"));
}

TEST_CASE("RunnerPlot: bad input gets one line naming the store and exit status 2",
          "[runner][plot]") {
  const TinyStore tiny;
  const std::string store = tiny.store.string();
  const auto key = run_runner("plot " + store + " --group-by optimizer.lr");
  CHECK(key.status == 2);
  CHECK(key.output == "runner: error: " + store +
                          ": group key 'optimizer.lr' is not in the runs' config; keys: "
                          "dataset.plugin, dataset.train, dataset.test, model.layers, "
                          "loss.plugin, optimizer.plugin, optimizer.learning_rate, "
                          "training.iterations, seed, optimizer.momentum\n");
  const auto fresh = tiny.dir.path() / "never-made";
  CHECK(run_runner("plot " + store + " --group-by optimizer.lr --out " + fresh.string()).status ==
        2);
  CHECK_FALSE(std::filesystem::exists(fresh)); // a refused request leaves no empty folder
  const auto metric = run_runner("plot " + store + " --metric cost_valid");
  CHECK(metric.status == 2);
  CHECK(metric.output == "runner: error: " + store +
                             ": metric 'cost_valid' is not stored; stored: cost_train, "
                             "cost_test, accuracy_train, accuracy_test\n");
  const auto kind = run_runner("plot " + store + " --kind surface");
  CHECK(kind.status == 2);
  CHECK(kind.output == "runner: error: plot kind 'surface': unknown; known: cost, convergence, "
                       "accuracy, decision, heatmap, speed, sweep, neurons, network, movie, "
                       "confusion, roc, parallel, slice, importance, history, differences\n");
  const auto missing = run_runner("plot " + (tiny.dir.path() / "none/runs.h5").string());
  CHECK(missing.status == 2);
  CHECK(missing.output == "runner: error: " + (tiny.dir.path() / "none/runs.h5").string() +
                              ": cannot open: no such file\n");
}

TEST_CASE("RunnerPlot: --log-y and --linear-y set the convergence axis, costs log by default",
          "[runner][plot]") {
  const TinyStore tiny;
  const auto script = [&](const std::string& options, const std::string& stem) {
    const fs::path out = tiny.dir.path() / "axis";
    fs::remove_all(out);
    const auto result = run_runner("plot " + tiny.store.string() + " --kind convergence --out " +
                                   out.string() + " " + options);
    INFO(result.output);
    REQUIRE(result.status == 0);
    return nnlab::test::read_text(out / (stem + ".gp"));
  };
  CHECK_THAT(script("", "convergence-cost_test"), Contains("set logscale y\n"));
  CHECK_THAT(script("--linear-y", "convergence-cost_test"), !Contains("set logscale y"));
  CHECK_THAT(script("--metric accuracy_test", "convergence-accuracy_test"),
             !Contains("set logscale y"));
  CHECK_THAT(script("--metric accuracy_test --log-y", "convergence-accuracy_test"),
             Contains("set logscale y\n"));
  const auto both = run_runner("plot " + tiny.store.string() + " --log-y --linear-y");
  CHECK(both.status == 2);
  CHECK(both.output == "runner: error: command line: --log-y and --linear-y exclude each other "
                       "(see runner --help)\n");
}

TEST_CASE("RunnerPlot: --target sets what the speed plot counts iterations to", "[runner][plot]") {
  const TinyStore tiny;
  const fs::path out = tiny.dir.path() / "speed";
  const auto result = run_runner("plot " + tiny.store.string() +
                                 " --kind speed --target 0.6 --out " + out.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  const std::string gp = nnlab::test::read_text(out / "speed-cost_test.gp");
  CHECK_THAT(gp, Contains("iterations to reach test cost <= 0.6'"));
  std::size_t reached = 0, never = 0;
  for (const auto& run : nnlab::load_runs(tiny.store.string()))
    (arma::any(run.record.series.cost_test <= 0.6) ? reached : never) += 1;
  const auto blocks = nnlab::test::read_data_blocks(out / "speed-cost_test.dat");
  REQUIRE(blocks.size() == 3);
  std::size_t drawn = 0, drawn_never = 0;
  for (const auto& row : blocks[0])
    drawn += !row.empty();
  for (const auto& row : blocks[2])
    drawn_never += !row.empty();
  CHECK(drawn == reached);
  CHECK(drawn_never == never);
  CHECK(reached > 0);
  const auto bad = run_runner("plot " + tiny.store.string() + " --target low");
  CHECK(bad.output == "runner: error: command line: --target: expected a number, got 'low' "
                      "(see runner --help)\n");
}

TEST_CASE("RunnerPlot: --range sets the decision surface's box, negative numbers too",
          "[runner][plot]") {
  const TinyStore tiny;
  const fs::path out = tiny.dir.path() / "range";
  // "--range -7,..." with a space: not read as an option
  const auto result = run_runner("plot " + tiny.store.string() +
                                 " --kind decision --range -7,7,-6.5,6.5 --out " + out.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  std::size_t scripts = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    if (entry.path().extension() != ".gp") continue;
    ++scripts;
    const std::string gp = nnlab::test::read_text(entry.path());
    CHECK_THAT(gp, Contains("set xrange [-7:7]\nset yrange [-6.5:6.5]\n"));
    auto data = entry.path();
    const auto rows = nnlab::test::read_data_rows(data.replace_extension(".dat"));
    REQUIRE(!rows.empty());
    CHECK_THAT(rows.front()[0], WithinAbs(-7.0 + 0.5 * 14.0 / 150.0, 1e-5)); // first cell centre
    CHECK_THAT(rows.front()[1], WithinAbs(-6.5 + 0.5 * 13.0 / 150.0, 1e-5));
  }
  CHECK(scripts == 4);
  const auto bad = run_runner("plot " + tiny.store.string() + " --kind decision --range 1,0,0,1");
  CHECK(bad.status == 2);
  CHECK(bad.output == "runner: error: command line: --range: expected x0,x1,y0,y1 with x0 < x1 "
                      "and y0 < y1, got '1,0,0,1' (see runner --help)\n");
}

TEST_CASE("RunnerPlot: pdf output", "[runner][plot]") {
  const TinyStore tiny;
  const fs::path out = tiny.dir.path() / "pdf";
  const auto result = run_runner("plot " + tiny.store.string() +
                                 " --kind convergence --format pdf --out " + out.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  const fs::path pdf = out / "convergence-cost_test.pdf";
  REQUIRE(fs::exists(pdf));
  CHECK(nnlab::test::read_text(pdf).starts_with("%PDF-"));
  CHECK(fs::file_size(pdf) > 5000);
  CHECK_THAT(result.output, Contains(pdf.string()));
}
