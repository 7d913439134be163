#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <regex>

#include <H5Cpp.h>
#include <sys/wait.h>

#include "nnlab/report/stored_runs.hpp"
#include "support/plot_files.hpp"
#include "support/plugins.hpp"
#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::test::is_png;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

namespace {

std::string small_sweep() {
  const fs::path data = nnlab::test::source_dir() / "data";
  return "name: e2e\nseed: 42\n"
         "dataset: {plugin: csv, train: " +
         (data / "xor_train.csv").string() + ", test: " + (data / "xor_test.csv").string() +
         "}\n"
         "model: {layers: [3, 2, 1]}\n"
         "loss: {plugin: binary_cross_entropy}\n"
         "optimizer: {plugin: sgd, learning_rate: 0.05}\n"
         "training: {iterations: 40}\n"
         "sweep:\n  optimizer: [{plugin: sgd}, {plugin: momentum, momentum: 0.9}]\n"
         "seeds: [1, 2]\n";
}

} // namespace

TEST_CASE("Runner: a small sweep stores every run, plots and summarises", "[runner][e2e]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("e2e.yaml", small_sweep());
  const fs::path results = dir.path() / "results";
  const auto first = run_runner(yaml.string() + " --out " + results.string());
  INFO(first.output);
  REQUIRE(first.status == 0);
  CHECK_THAT(first.output, Contains("4 run(s) = 2 sweep point(s) x 2 seed(s)"));
  CHECK_THAT(first.output, Contains("4 trained, 0 kept"));

  {
    // The store, read with the plain HDF5 API: the layout is the contract. (Closed before
    // the rerun below: HDF5 locks an open file.)
    H5::H5File file((results / "e2e/runs.h5").string(), H5F_ACC_RDONLY);
    for (const char* name : {"experiment_yaml", "nnlab_version", "created"}) {
      CAPTURE(name);
      CHECK(file.attrExists(name));
    }
    const H5::Group runs = file.openGroup("runs");
    REQUIRE(runs.getNumObjs() == 4);
    for (hsize_t i = 0; i < runs.getNumObjs(); ++i) {
      const std::string id = runs.getObjnameByIdx(i);
      CAPTURE(id);
      const H5::Group run = runs.openGroup(id);
      for (const char* attr : {"config", "seed", "status", "wall_time_s"})
        CHECK(run.attrExists(attr));
      for (const char* series : {"cost_train", "cost_test", "accuracy_train", "accuracy_test"}) {
        hsize_t n = 0;
        run.openDataSet(series).getSpace().getSimpleExtentDims(&n);
        CHECK(n == 40);
      }
      hsize_t dims[2] = {0, 0};
      run.openDataSet("weights/W1").getSpace().getSimpleExtentDims(dims);
      CHECK((dims[0] == 3 && dims[1] == 2));
      run.openDataSet("weights/b3").getSpace().getSimpleExtentDims(dims);
      CHECK((dims[0] == 1 && dims[1] == 1));
    }
  }
  // The plot policy (README, "Plots"): the experiment's plots; one key varies, so no
  // heatmap.
  for (const char* stem : {"sweep-cost_test", "sweep-accuracy_test", "convergence-cost_test",
                           "convergence-accuracy_test", "speed-cost_test"})
    CHECK(is_png(results / "e2e/plots" / (std::string(stem) + ".png")));
  CHECK_FALSE(fs::exists(results / "e2e/plots/heatmap-cost_test.png"));
  // Per sweep point, the cost and decision plots of its best run (lowest final test cost)
  // only.
  const auto runs = nnlab::load_runs((results / "e2e/runs.h5").string());
  REQUIRE(runs.size() == 4);
  for (const std::string optimizer : {"sgd", "momentum"}) {
    std::vector<const nnlab::StoredRun*> point;
    for (const auto& run : runs)
      if (run.record.label.starts_with(optimizer)) point.push_back(&run);
    REQUIRE(point.size() == 2);
    const double a = nnlab::final_value(*point[0], "cost_test");
    const double b = nnlab::final_value(*point[1], "cost_test");
    const std::string best = (b < a ? point[1] : point[0])->record.id;
    const std::string other = (b < a ? point[0] : point[1])->record.id;
    CAPTURE(optimizer, best, other);
    CHECK(is_png(results / "e2e/plots" / ("cost-" + best + ".png")));
    CHECK(is_png(results / "e2e/plots" / ("decision-" + best + ".png")));
    CHECK(fs::exists(results / "e2e/plots" / ("cost-" + best + ".gp")));
    CHECK_FALSE(fs::exists(results / "e2e/plots" / ("cost-" + other + ".png")));
    CHECK_FALSE(fs::exists(results / "e2e/plots" / ("decision-" + other + ".png")));
  }
  // 5 of the experiment, 6 of each point's best run (cost, decision, neurons, network,
  // confusion, roc), and, the sweep having one key, momentum against sgd seed by seed
  for (const char* stem : {"differences-cost_test", "differences-iterations-cost_test"})
    CHECK(is_png(results / "e2e/plots" / (std::string(stem) + ".png")));
  CHECK_THAT(first.output, Contains("(19 PNG;"));
  CHECK_THAT(first.output, Contains("\nstatistics: each group against sgd\n"));
  CHECK_THAT(first.output, Contains("stats:   " + (results / "e2e/stats.csv").string()));
  const std::string summary = nnlab::test::read_text(results / "e2e/summary.csv");
  CHECK(std::count(summary.begin(), summary.end(), '\n') == 5);

  SECTION("a rerun keeps the finished runs instead of training them again") {
    const auto second = run_runner(yaml.string() + " --out " + results.string() + " --no-plots");
    INFO(second.output);
    REQUIRE(second.status == 0);
    CHECK_THAT(second.output, Contains("0 trained, 4 kept"));
  }
}

TEST_CASE("Runner: export-data writes a dataset's splits as CSV", "[runner][e2e]") {
  nnlab::test::TempDir dir;
  const auto yaml =
      dir.write("gen.yaml", "dataset: {plugin: double_spiral, n_points_per_class: 20}\n");
  const auto out =
      run_runner("export-data " + yaml.string() + " --out " + (dir.path() / "s").string());
  INFO(out.output);
  REQUIRE(out.status == 0);
  const std::string train = nnlab::test::read_text(dir.path() / "s_train.csv");
  CHECK(train.rfind("x1,x2,y\n", 0) == 0);
  CHECK(std::count(train.begin(), train.end(), '\n') == 1 + 32);
}

TEST_CASE("Runner: export-data writes class names, which the csv plugin reads back",
          "[runner][e2e]") {
  nnlab::test::TempDir dir;
  const auto yaml =
      dir.write("iris.yaml", "dataset: {plugin: csv, file: " +
                                 (nnlab::test::source_dir() / "data/iris.csv").string() +
                                 ", label: species, test_fraction: 0.3, shuffle: false}\n");
  const auto out =
      run_runner("export-data " + yaml.string() + " --out " + (dir.path() / "iris").string());
  INFO(out.output);
  REQUIRE(out.status == 0);
  const std::string test = nnlab::test::read_text(dir.path() / "iris_test.csv");
  // The second setosa of the file (position floor(50 / 30) = 1) leads the test set.
  CHECK(test.rfind("sepal_length,sepal_width,petal_length,petal_width,y\n4.9,3,1.4,0.2,setosa\n",
                   0) == 0);
  const auto original =
      nnlab::test::make_dataset("{plugin: csv, file: data/iris.csv, label: species, "
                                "test_fraction: 0.3, shuffle: false}")
          ->load();
  const auto back = nnlab::test::make_dataset("{plugin: csv, train: iris_train.csv, "
                                              "test: iris_test.csv}",
                                              dir.path())
                        ->load();
  CHECK(back.class_names == original.class_names);
  CHECK(arma::approx_equal(back.train.X, original.train.X, "absdiff", 0.0));
  CHECK(arma::approx_equal(back.test.y, original.test.y, "absdiff", 0.0));
}

TEST_CASE("Runner: export-data regenerates the shipped XOR files byte for byte", "[runner][e2e]") {
  nnlab::test::TempDir dir;
  const auto out =
      run_runner("export-data " + (nnlab::test::source_dir() / "data/xor.yaml").string() +
                 " --out " + (dir.path() / "xor").string());
  INFO(out.output);
  REQUIRE(out.status == 0);
  for (const char* split : {"train", "test"}) {
    CAPTURE(split);
    const std::string name = std::string("xor_") + split + ".csv";
    CHECK(nnlab::test::read_text(dir.path() / name) ==
          nnlab::test::read_text(nnlab::test::source_dir() / "data" / name));
  }
}

TEST_CASE("Runner: --verbose prints the course's lines on its schedule", "[runner][e2e]") {
  nnlab::test::TempDir dir;
  std::string yaml = small_sweep();
  yaml = yaml.substr(0, yaml.find("sweep:")); // one run
  yaml.replace(yaml.find("iterations: 40"), 14, "iterations: 120");
  const auto file = dir.write("verbose.yaml", yaml);
  const auto out =
      run_runner(file.string() + " --verbose --no-plots --out " + (dir.path() / "r").string());
  INFO(out.output);
  REQUIRE(out.status == 0);
  // Every 10 up to 100, then every 100: 10, 20, ..., 100 and nothing at 110 or 120.
  CHECK_THAT(out.output, Contains("Iteration   10  Train cost: 0.") &&
                             Contains("Iteration  100  Train cost: ") && Contains("  Diff: "));
  CHECK_THAT(out.output, !Contains("Iteration  110") && !Contains("Iteration    5 "));
}

TEST_CASE("Runner: --verbose ends with the phase times, load to report", "[runner][e2e]") {
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("phases.yaml", small_sweep());
  // Seconds with two decimals, in the order the runner's main thread spends them.
  const std::regex phases("phases:  load (\\d+\\.\\d\\d) s, train (\\d+\\.\\d\\d) s, store "
                          "(\\d+\\.\\d\\d) s, plot (\\d+\\.\\d\\d) s, report (\\d+\\.\\d\\d) s\n");
  std::smatch found;
  const auto plotted =
      run_runner(yaml.string() + " --verbose --out " + (dir.path() / "plots").string());
  INFO(plotted.output);
  REQUIRE(plotted.status == 0);
  REQUIRE(std::regex_search(plotted.output, found, phases));
  CHECK(std::stod(found[4]) > 0.0); // it drew plots, which take a gnuplot process at least
  const auto plain =
      run_runner(yaml.string() + " --verbose --no-plots --out " + (dir.path() / "no").string());
  INFO(plain.output);
  REQUIRE(plain.status == 0);
  REQUIRE(std::regex_search(plain.output, found, phases));
  CHECK(found[4] == "0.00");
  // Without --verbose, no phases line.
  const auto quiet =
      run_runner(yaml.string() + " --no-plots --force --out " + (dir.path() / "no").string());
  CHECK_THAT(quiet.output, !Contains("phases:"));
}
