#include <catch2/catch.hpp>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/core_library.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/sha256.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/run_inputs.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plugins.hpp"
#include "support/temp_dir.hpp"

// The files a run reads come from what plugins declare (ParamType::path) and model.init,
// named as the experiment wrote them and hashed once; the libraries are libnnlab and the
// run's three plugins.

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

std::vector<nnlab::RunSpec> expand(const fs::path& file) {
  return nnlab::expand_sweep(nnlab::load_experiment(file, {}));
}

std::string csv_text() {
  return nnlab::test::read_text(nnlab::test::source_dir() / "data/xor_train.csv");
}

} // namespace

TEST_CASE("RunInputs: a run's files as written, with their SHA-256, and its libraries",
          "[engine][stale]") {
  nnlab::test::TempDir dir;
  const auto train = dir.write("data/train.csv", csv_text());
  const auto weights = dir.write("w.csv", "W1,0.5,0.25\nb1,0.125\n");
  const auto yaml = dir.write("exp/x.yaml", "name: x\nseed: 1\n"
                                            "dataset: {plugin: csv, train: ../data/train.csv, "
                                            "test: " +
                                                train.string() +
                                                "}\n"
                                                "model: {layers: [1], init: {kind: file, path: "
                                                "./../w.csv}}\n"
                                                "loss: {plugin: binary_cross_entropy}\n"
                                                "optimizer: {plugin: sgd, learning_rate: 0.1}\n"
                                                "training: {iterations: 2}\n");
  const auto specs = expand(yaml);
  nnlab::InputHasher hasher(nnlab::test::registry());
  const auto resolved = specs[0].resolve();
  const auto inputs = hasher.inputs_of(resolved.config, resolved.parsed);
  // train and test name one file, once relative and once absolute: each as written.
  CHECK(inputs->files == nnlab::HashList{{"../data/train.csv", nnlab::sha256_file(train)},
                                         {train.string(), nnlab::sha256_file(train)},
                                         {"../w.csv", nnlab::sha256_file(weights)}});
  const fs::path plugins = NNLAB_TEST_PLUGIN_DIR;
  CHECK(inputs->libraries ==
        nnlab::HashList{{"core", nnlab::sha256_file(nnlab::core_library_file())},
                        {"dataset/csv", nnlab::sha256_file(plugins / "nnlab_dataset_csv.so")},
                        {"loss/binary_cross_entropy",
                         nnlab::sha256_file(plugins / "nnlab_loss_binary_cross_entropy.so")},
                        {"optimizer/sgd", nnlab::sha256_file(plugins / "nnlab_optimizer_sgd.so")}});
  CHECK(inputs->unreadable.empty());
  CHECK(nnlab::core_library_file().filename().string().starts_with("libnnlab.so"));

  SECTION("each file is hashed once per hasher: a sweep sees one version of it") {
    dir.write("data/train.csv", csv_text() + "0.5,0.5,1\n");
    const auto again = hasher.inputs_of(resolved.config, resolved.parsed);
    CHECK(again == inputs); // shared, and the hash of the first read
    nnlab::InputHasher fresh(nnlab::test::registry());
    CHECK(fresh.inputs_of(resolved.config, resolved.parsed)->files[0].second ==
          nnlab::sha256_file(train));
    CHECK(nnlab::sha256_file(train) != inputs->files[0].second);
  }
  SECTION("a file that is gone or a folder is unreadable, and a run that would read it fails") {
    fs::remove(weights);
    fs::create_directory(dir.path() / "w.csv");
    nnlab::InputHasher fresh(nnlab::test::registry());
    const auto gone = fresh.inputs_of(resolved.config, resolved.parsed);
    REQUIRE(gone->unreadable.size() == 1);
    CHECK(gone->unreadable[0].name == "../w.csv");
    CHECK(gone->unreadable[0].why == "is a folder, not a file");
    CHECK(gone->files[2].second.empty());
    CHECK_THROWS_WITH(nnlab::require_readable(*gone),
                      Contains("x.yaml:4:47: model.init.path: ") &&
                          Contains("w.csv is a folder, not a file"));
  }
}

TEST_CASE("RunInputs: runs differing only in what reads no file share one RunInputs",
          "[engine][stale]") {
  nnlab::test::TempDir dir;
  dir.write("a.csv", csv_text());
  const auto yaml = dir.write("x.yaml", "name: x\nseed: 1\n"
                                        "dataset: {plugin: csv, train: a.csv, test: a.csv}\n"
                                        "model: {layers: [1]}\n"
                                        "loss: {plugin: binary_cross_entropy}\n"
                                        "optimizer: {plugin: sgd, learning_rate: 0.1}\n"
                                        "training: {iterations: 2}\n"
                                        "sweep: {optimizer.learning_rate: [0.1, 0.2, 0.3]}\n"
                                        "seeds: [1, 2]\n");
  const auto specs = expand(yaml);
  nnlab::RunPreparer preparer(nnlab::test::registry());
  preparer.check(specs);
  const auto& inputs = preparer.checked_inputs();
  REQUIRE(inputs.size() == 6);
  for (const auto& each : inputs)
    CHECK(each == inputs.front());
  CHECK(inputs.front()->files == nnlab::HashList{{"a.csv", nnlab::sha256_text(csv_text())}});
  // And the record of a run says what it read.
  const auto record = nnlab::execute_run(preparer.prepare(specs[3]));
  CHECK(record.inputs == inputs.front()->files);
  CHECK(record.libraries == inputs.front()->libraries);
}
