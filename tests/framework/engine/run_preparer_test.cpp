#include <catch2/catch.hpp>

#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using nnlab::PluginKind;

namespace {

const std::string base = R"(name: p
seed: 3
dataset: {plugin: xor, n_samples: 40}
model: {layers: [3, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 5}
)";

std::vector<nnlab::RunSpec> expand(const std::string& text) {
  return nnlab::expand_sweep(
      nnlab::parse_experiment(nnlab::parse_yaml(text, "p.yaml"), "p.yaml", text));
}

} // namespace

TEST_CASE("RunPreparer: checks every run and names the plugins they use", "[engine][preparer]") {
  const auto specs =
      expand(base + "sweep:\n  optimizer: [{plugin: sgd}, {plugin: momentum}]\nseeds: [1, 2]\n");
  nnlab::RunPreparer preparer(nnlab::test::registry());
  const nnlab::PluginsUsed used = preparer.check(specs);
  CHECK(used == nnlab::PluginsUsed{{PluginKind::dataset, "xor"},
                                   {PluginKind::loss, "binary_cross_entropy"},
                                   {PluginKind::optimizer, "momentum"},
                                   {PluginKind::optimizer, "sgd"}});
}

TEST_CASE("RunPreparer: a run built when it starts has its own plugins and the shared data",
          "[engine][preparer]") {
  const auto specs = expand(base + "repeats: 2\n");
  nnlab::RunPreparer preparer(nnlab::test::registry());
  const nnlab::PreparedRun first = preparer.prepare(specs[1]);
  const nnlab::PreparedRun again = preparer.prepare(specs[1]);
  CHECK(first.spec == &specs[1]);
  CHECK(first.config.canonical() == specs[1].config().canonical());
  CHECK(first.architecture.n_inputs == 2);
  CHECK(again.data == first.data);
  CHECK(again.optimizer != first.optimizer);
  // Built twice, trained twice: the same numbers to the bit.
  const auto a = nnlab::execute_run(first);
  const auto b = nnlab::execute_run(again);
  CHECK(a.config_yaml == b.config_yaml);
  CHECK(arma::approx_equal(a.series.cost_train, b.series.cost_train, "absdiff", 0.0));
}

TEST_CASE("RunPreparer: a run that does not fit its data stops the check", "[engine][preparer]") {
  const auto specs = expand(base + "sweep:\n  model.layers: [[3, 1], [3, 3]]\n");
  nnlab::RunPreparer preparer(nnlab::test::registry());
  REQUIRE_THROWS_WITH(preparer.check(specs),
                      Contains("model.layers: the output layer has 3 unit(s) but the dataset "
                               "has 2 classes"));
}
