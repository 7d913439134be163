#include <catch2/catch.hpp>

#include "nnlab/config/overrides.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;

namespace {

const std::string course = R"(name: course
seed: 42
dataset: {plugin: csv, train: a.csv}
model: {layers: [3, 2, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.05}
training: {iterations: 10}
seeds: [1, 2, 3]
)";

nnlab::Experiment parse(const std::vector<std::string>& overrides,
                        const std::string& text = course) {
  return nnlab::parse_experiment(nnlab::parse_yaml(text, "o.yaml"), "o.yaml", text, overrides);
}

const nnlab::ConfigNode& at(const nnlab::Experiment& e, const std::string& block,
                            const std::string& key) {
  return *e.base.find(block)->find(key);
}

} // namespace

TEST_CASE("Overrides: scalars, lists and names are replaced", "[config][overrides]") {
  const auto e = parse({"optimizer.learning_rate=0.1", "training.iterations=200",
                        "model.layers=[8,1]", "name=other", "seeds=[1,2]"});
  CHECK(at(e, "optimizer", "learning_rate").text() == "0.1");
  CHECK(at(e, "optimizer", "learning_rate").location().str() == "command line");
  CHECK(at(e, "optimizer", "plugin").location().str() == "o.yaml:6:21");
  CHECK(at(e, "training", "iterations").text() == "200");
  CHECK(at(e, "model", "layers").flow() == "[8, 1]");
  CHECK(e.name == "other");
  CHECK(e.seeds == std::vector<std::uint64_t>{1, 2});
  CHECK(e.overrides.size() == 5);
  const auto runs = nnlab::expand_sweep(e);
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].resolve().parsed.training.learning_rate == 0.1);
  CHECK(runs[0].resolve().parsed.model.layers == std::vector<arma::uword>{8, 1});
}

TEST_CASE("Overrides: a block merges into a block by the plugin rule", "[config][overrides]") {
  const auto same = parse({"optimizer={plugin: sgd, learning_rate: 0.2}"});
  CHECK(at(same, "optimizer", "learning_rate").text() == "0.2");
  const auto other = parse({"optimizer={plugin: momentum, momentum: 0.9}"},
                           course + "sweep: {optimizer.learning_rate: [0.1]}\n");
  CHECK(at(other, "optimizer", "plugin").text() == "momentum");
  CHECK(at(other, "optimizer", "momentum").text() == "0.9");
  CHECK(at(other, "optimizer", "learning_rate").text() == "0.05"); // the core's key stays
  const auto dropped = parse({"optimizer={plugin: sgd}"},
                             "optimizer: {plugin: momentum, learning_rate: 1, momentum: 0.5}\n" +
                                 course.substr(0, course.find("optimizer")) +
                                 course.substr(course.find("training")));
  CHECK(dropped.base.find("optimizer")->find("momentum") == nullptr);
}

TEST_CASE("Overrides: another kind drops the old kind's keys", "[config][overrides]") {
  const std::string uniform = "model: {layers: [3, 2, 1], init: {kind: uniform, low: 0.0, "
                              "high: 1.0}}\n";
  const std::string text =
      course.substr(0, course.find("model")) + uniform + course.substr(course.find("loss"));
  const auto legacy = parse({"model.init.kind=numpy_legacy"}, text);
  const nnlab::ConfigNode& init = *legacy.base.find("model")->find("init");
  CHECK(init.flow() == "{kind: numpy_legacy}");
  const auto runs = nnlab::expand_sweep(legacy);
  CHECK(runs.at(0).resolve().parsed.model.init.kind == nnlab::InitSpec::Kind::numpy_legacy);
  // The same kind merges key by key.
  const auto wider = parse({"model.init={kind: uniform, high: 2.0}"}, text);
  CHECK(wider.base.find("model")->find("init")->flow() == "{kind: uniform, low: 0.0, high: 2.0}");
  const auto schedule =
      parse({"training.lr_schedule={kind: exponential, gamma: 0.99}"},
            course.substr(0, course.find("training")) +
                "training: {iterations: 10, lr_schedule: {kind: step, drop: 0.5}}\n" +
                course.substr(course.find("seeds")));
  CHECK(schedule.base.find("training")->find("lr_schedule")->flow() ==
        "{kind: exponential, gamma: 0.99}");
}

TEST_CASE("Overrides: sweep keys, mode and samples", "[config][overrides]") {
  const auto grid = parse({"sweep.optimizer.learning_rate=[0.01,0.1]", "seeds=[1]"});
  const auto runs = nnlab::expand_sweep(grid);
  REQUIRE(runs.size() == 2);
  CHECK(runs[1].point_label() == "learning_rate=0.1");
  CHECK(grid.sweep.find("optimizer.learning_rate")->location().str() == "command line");

  const auto random =
      parse({"sweep.mode=random", "sweep.samples=5",
             "sweep.optimizer.learning_rate={loguniform: [0.001, 0.1]}", "repeats=1"},
            course + "sweep:\n  optimizer.learning_rate: [0.1, 0.2]\n");
  CHECK(random.sweep_mode == nnlab::SweepMode::random);
  CHECK(random.seeds == std::vector<std::uint64_t>{1}); // repeats replaces the file's seeds
  CHECK(nnlab::expand_sweep(random).size() == 5);

  const auto zip = parse({"sweep.mode=zip", "sweep.training.iterations=[5,6]"},
                         course + "sweep:\n  optimizer.learning_rate: [0.1, 0.2]\n");
  CHECK(nnlab::expand_sweep(zip).size() == 2 * 3);
}

TEST_CASE("Overrides: mistakes are located on the command line", "[config][overrides]") {
  SECTION("bad syntax") {
    for (const std::string bad : {"foo", "=3", "optimizer..learning_rate=1", "sweep.=1"}) {
      CAPTURE(bad);
      REQUIRE_THROWS_WITH(parse({bad}),
                          Contains("command line: '" + bad + "': expected key.path=value"));
    }
    REQUIRE_THROWS_WITH(parse({"model.layers=[8,1"}),
                        Contains("command line: 'model.layers=[8,1': YAML syntax error:"));
    REQUIRE_THROWS_WITH(parse({"extends=x.yaml"}),
                        Contains("command line: 'extends=x.yaml': extends can only be written in "
                                 "an experiment file"));
  }
  SECTION("a bad value") {
    const auto e = parse({"optimizer.learning_rate=-1"});
    REQUIRE_THROWS_WITH(nnlab::expand_sweep(e),
                        Contains("command line: optimizer.learning_rate: expected a number > 0, "
                                 "got '-1'"));
    REQUIRE_THROWS_WITH(parse({"seeds=[1, x]"}),
                        Contains("command line: seeds[1]: expected an integer, got 'x'"));
  }
  SECTION("an unknown key") {
    REQUIRE_THROWS_WITH(parse({"optimzer.learning_rate=0.1"}),
                        Contains("command line: optimzer: unknown key; did you mean 'optimizer'?"));
    REQUIRE_THROWS_WITH(nnlab::expand_sweep(parse({"model.layer=[1]"})),
                        Contains("command line: model.layer: unknown key; did you mean "
                                 "'layers'?"));
  }
}

TEST_CASE("Overrides: load_experiment applies and keeps them", "[config][overrides]") {
  nnlab::test::TempDir dir;
  const auto file = dir.write("c.yaml", course);
  const auto e = nnlab::load_experiment(file, {"training.iterations=7"});
  CHECK(e.overrides == std::vector<std::string>{"training.iterations=7"});
  CHECK(e.sources == std::vector<std::filesystem::path>{file});
  CHECK(e.yaml_text == course);
  CHECK(at(e, "training", "iterations").text() == "7");
  CHECK(at(nnlab::load_experiment(file), "training", "iterations").text() == "10");
}
