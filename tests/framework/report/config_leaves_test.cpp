#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nnlab/report/config_leaves.hpp"
#include "nnlab/yaml/yaml_source.hpp"

TEST_CASE("ConfigLeaves: every key path with its value as flow() writes it", "[report][leaves]") {
  const nnlab::ConfigNode config =
      nnlab::parse_yaml("dataset: {plugin: xor, n_samples: 300}\n"
                        "model: {layers: [3, 1], init: {kind: uniform, low: 0}}\n"
                        "optimizer: {plugin: sgd, learning_rate: 0.1}\n"
                        "extra: {}\n"
                        "seed: 7\n",
                        "c.yaml");
  const nnlab::ConfigLeaves leaves(config);
  CHECK(leaves.keys() == std::vector<std::string>{"dataset.plugin", "dataset.n_samples",
                                                  "model.layers", "model.init.kind",
                                                  "model.init.low", "optimizer.plugin",
                                                  "optimizer.learning_rate", "extra", "seed"});
  CHECK(leaves.value("optimizer.learning_rate") == "0.1");
  CHECK(leaves.value("model.layers") == "[3, 1]");
  CHECK(leaves.value("extra") == "{}");
  // A block reads as its flow text, nested blocks too, as grouping by a block shows it.
  CHECK(leaves.value("model") == config.find("model")->flow());
  CHECK(leaves.value("model.init") == "{kind: uniform, low: 0}");
  CHECK_FALSE(leaves.value("optimizer.momentum").has_value());
  CHECK_FALSE(leaves.value("optimizer.plug").has_value()); // no prefix matches
  CHECK_FALSE(leaves.value("").has_value());
  CHECK(nnlab::ConfigLeaves().keys().empty());
}
