#include "support/tiny_store.hpp"

#include <catch2/catch.hpp>

#include "support/runner_process.hpp"

namespace nnlab::test {

TinyStore::TinyStore(const std::string& name, int iterations) {
  const auto yaml =
      dir.write(name + ".yaml",
                xor_experiment(name, "model: {layers: [3, 2, 1]}\n"
                                     "optimizer: {plugin: sgd, learning_rate: 0.05}\n"
                                     "training: {iterations: " +
                                         std::to_string(iterations) +
                                         "}\n"
                                         "sweep:\n  optimizer: [{plugin: sgd}, {plugin: momentum, "
                                         "momentum: 0.9}]\n"
                                         "  optimizer.learning_rate: [0.05, 0.5]\n"
                                         "seeds: [1, 2]\n"));
  const auto run = run_runner(yaml.string() + " --out " + (dir.path() / "results").string() +
                              " --no-plots --quiet");
  INFO(run.output);
  REQUIRE(run.status == 0);
  store = dir.path() / "results" / name / "runs.h5";
}

StudyStore::StudyStore(const std::string& name, int seeds, int iterations) {
  std::string seed_list;
  for (int seed = 1; seed <= seeds; ++seed)
    seed_list += (seed > 1 ? ", " : "") + std::to_string(seed);
  const auto yaml = dir.write(
      name + ".yaml",
      xor_experiment(name, "model: {layers: [3, 2, 1]}\n"
                           "optimizer: {plugin: sgd, learning_rate: 0.5}\n"
                           "training: {iterations: " +
                               std::to_string(iterations) +
                               "}\n"
                               "sweep:\n  optimizer: [{plugin: sgd}, {plugin: momentum, momentum: "
                               "0.9, learning_rate: 0.05}, {plugin: nesterov, momentum: 0.9, "
                               "learning_rate: 0.05}]\n"
                               "seeds: [" +
                               seed_list + "]\n"));
  const auto run = run_runner(yaml.string() + " --out " + (dir.path() / "results").string() +
                              " --no-plots --quiet");
  INFO(run.output);
  REQUIRE(run.status == 0);
  store = dir.path() / "results" / name / "runs.h5";
}

} // namespace nnlab::test
