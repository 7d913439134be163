#include <catch2/catch.hpp>

#include "nnlab/config/extends.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::load_experiment;

namespace {

const std::string course = R"(name: course
seed: 42
dataset: {plugin: csv, train: data/train.csv, test: data/missing.csv}
model: {layers: [3, 2, 1], hidden_activation: tanh}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: momentum, learning_rate: 0.05, momentum: 0.5}
training: {iterations: 5000}
seeds: [1, 2, 3]
)";

std::string text_at(const nnlab::ConfigNode& block, const std::string& key) {
  const nnlab::ConfigNode* value = block.find(key);
  return value ? value->text() : "<none>";
}

} // namespace

TEST_CASE("Extends: a chain of three files merges key by key", "[config][extends]") {
  nnlab::test::TempDir dir;
  const auto grand = dir.write("grand.yaml", course);
  const auto parent = dir.write("parent.yaml", "extends: grand.yaml\nname: parent\n"
                                               "optimizer: {momentum: 0.9}\n"
                                               "model: {layers: [4, 1]}\n");
  const auto child = dir.write("child.yaml", "# a comment first\nextends: parent.yaml\n"
                                             "name: child\ntraining: {iterations: 20}\n");
  const auto e = load_experiment(child);
  CHECK(e.name == "child");
  CHECK(e.seed == 42);
  CHECK(e.seeds == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(e.sources == std::vector<std::filesystem::path>{child, parent, grand});
  CHECK(e.yaml_text.rfind("# a comment first", 0) == 0);
  const auto& optimizer = *e.base.find("optimizer");
  CHECK(text_at(optimizer, "plugin") == "momentum");
  CHECK(text_at(optimizer, "learning_rate") == "0.05");
  CHECK(text_at(optimizer, "momentum") == "0.9");
  // Maps merge, lists are replaced.
  const auto& model = *e.base.find("model");
  CHECK(model.find("layers")->flow() == "[4, 1]");
  CHECK(text_at(model, "hidden_activation") == "tanh");
  // Every value says which file wrote it.
  CHECK(model.find("layers")->location().str() == parent.string() + ":4:17");
  CHECK(model.find("hidden_activation")->location().file == grand.string());
  CHECK(e.base.find("training")->find("iterations")->location().str() == child.string() + ":4:24");
  CHECK(nnlab::expand_sweep(e).size() == 3);
}

TEST_CASE("Extends: naming another plugin drops the old plugin's keys", "[config][extends]") {
  nnlab::test::TempDir dir;
  dir.write("course.yaml", course);
  const auto e =
      load_experiment(dir.write("sgd.yaml", "extends: course.yaml\noptimizer: {plugin: sgd}\n"));
  const auto& optimizer = *e.base.find("optimizer");
  CHECK(text_at(optimizer, "plugin") == "sgd");
  CHECK(text_at(optimizer, "learning_rate") == "0.05"); // the core's key stays
  CHECK(optimizer.find("momentum") == nullptr);
  CHECK(nnlab::expand_sweep(e)[0].resolve().parsed.optimizer.params.entries().empty());
}

TEST_CASE("Extends: relative paths of a base in another folder keep naming the same file",
          "[config][extends]") {
  nnlab::test::TempDir dir;
  dir.write("base/data/train.csv", "x1,y\n0,1\n");
  dir.write("base/course.yaml",
            course + "sweep:\n  dataset.train: [data/train.csv, nowhere.csv]\n");
  const auto e = load_experiment(dir.write("studies/deep/child.yaml",
                                           "extends: ../../base/course.yaml\nname: child\n"
                                           "model: {layers: [8, 1]}\n"));
  const auto& dataset = *e.base.find("dataset");
  CHECK(text_at(dataset, "train") == "../../base/data/train.csv");
  CHECK(text_at(dataset, "test") == "data/missing.csv"); // names no file: left as written
  CHECK(text_at(dataset, "plugin") == "csv");
  const auto& listed = e.sweep.find("dataset.train")->items();
  CHECK(listed[0].text() == "../../base/data/train.csv");
  CHECK(listed[1].text() == "nowhere.csv");
  CHECK(e.base_dir == dir.path() / "studies/deep");
  // A base in the same folder needs no rewriting.
  dir.write("base/same.yaml", "extends: course.yaml\nname: same\n");
  CHECK(text_at(*load_experiment(dir.path() / "base/same.yaml").base.find("dataset"), "train") ==
        "data/train.csv");
}

TEST_CASE("Extends: seeds and repeats are one setting, the extending file's wins",
          "[config][extends]") {
  nnlab::test::TempDir dir;
  dir.write("course.yaml", course);
  CHECK(load_experiment(dir.write("r.yaml", "extends: course.yaml\nrepeats: 2\n")).seeds ==
        std::vector<std::uint64_t>{1, 2});
  REQUIRE_THROWS_WITH(
      load_experiment(dir.write("both.yaml", "extends: course.yaml\nrepeats: 2\nseeds: [5]\n")),
      Contains("both.yaml:2:10: repeats: give seeds or repeats, not both"));
}

TEST_CASE("Extends: cycles, missing bases and bad values are errors at the extends value",
          "[config][extends]") {
  nnlab::test::TempDir dir;
  const std::string at = dir.path().string() + "/";
  SECTION("a cycle") {
    dir.write("a.yaml", "extends: b.yaml\n" + course.substr(course.find("seed")));
    dir.write("b.yaml", "extends: a.yaml\n");
    REQUIRE_THROWS_WITH(load_experiment(dir.path() / "a.yaml"),
                        Contains(at + "a.yaml:1:10: extends: cycle " + at + "a.yaml -> " + at +
                                 "b.yaml -> " + at + "a.yaml"));
    dir.write("c.yaml", "name: c\nextends: a.yaml\n");
    REQUIRE_THROWS_WITH(load_experiment(dir.path() / "c.yaml"),
                        Contains(at + "a.yaml:1:10: extends: cycle " + at + "a.yaml -> " + at +
                                 "b.yaml -> " + at + "a.yaml"));
    dir.write("self.yaml", "extends: ./self.yaml\n");
    REQUIRE_THROWS_WITH(
        load_experiment(dir.path() / "self.yaml"),
        Contains(at + "self.yaml:1:10: extends: cycle " + at + "self.yaml -> " + at + "self.yaml"));
  }
  SECTION("a missing base") {
    dir.write("a.yaml", "name: a\nextends: gone.yaml\n");
    REQUIRE_THROWS_WITH(load_experiment(dir.path() / "a.yaml"),
                        Contains(at + "a.yaml:2:10: extends: " + at +
                                 "gone.yaml: cannot read: No such file or directory"));
  }
  SECTION("not a path") {
    dir.write("a.yaml", "extends: [x.yaml]\n");
    REQUIRE_THROWS_WITH(load_experiment(dir.path() / "a.yaml"),
                        Contains(at + "a.yaml:1:10: extends: expected the path of a base "
                                      "experiment file, got a list"));
  }
  SECTION("a base that is not an experiment") {
    dir.write("list.yaml", "- 1\n");
    dir.write("a.yaml", "extends: list.yaml\n");
    REQUIRE_THROWS_WITH(load_experiment(dir.path() / "a.yaml"),
                        Contains(at +
                                 "list.yaml: expected a map of experiment keys (it is the "
                                 "base of " +
                                 at + "a.yaml), got a list"));
  }
  SECTION("a mistake in a base names the base") {
    dir.write("base.yaml", course + "trainig: {}\n");
    dir.write("a.yaml", "extends: base.yaml\n");
    REQUIRE_THROWS_WITH(load_experiment(dir.path() / "a.yaml"),
                        Contains(at + "base.yaml:9:1: trainig: unknown key; did you mean "
                                      "'training'?"));
  }
}

TEST_CASE("Extends: merge_into replaces sweep values whole", "[config][extends]") {
  auto base = nnlab::parse_yaml("sweep: {a: {uniform: [0, 1]}, b: [1, 2]}\n", "b");
  nnlab::merge_into(base, nnlab::parse_yaml("sweep: {a: {int: [1, 3]}, c: [3]}\n", "o"));
  CHECK(base.find("sweep")->flow() == "{a: {int: [1, 3]}, b: [1, 2], c: [3]}");
}
