#include <catch2/catch.hpp>

#include "nnlab/report/config_diff.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace {
using namespace nnlab;
using Lines = std::vector<std::string>;

Lines config_differences(const std::string& a, const std::string& b) {
  return value_differences(flatten_config(parse_yaml(a, "a.yaml")),
                           flatten_config(parse_yaml(b, "b.yaml")));
}

} // namespace

TEST_CASE("ConfigDiff: a config flattens to key paths in written order, lists whole", "[report]") {
  const auto flat = flatten_config(parse_yaml(
      "optimizer: {plugin: sgd, learning_rate: 0.05}\nmodel: {layers: [3, 2, 1], init: {}}\n",
      "x.yaml"));
  Lines paths, texts;
  for (const auto& value : flat) {
    paths.push_back(value.path);
    texts.push_back(value.text);
  }
  CHECK(paths ==
        Lines{"optimizer.plugin", "optimizer.learning_rate", "model.layers", "model.init"});
  CHECK(texts == Lines{"sgd", "0.05", "[3, 2, 1]", "{}"});
}

TEST_CASE("ConfigDiff: changed, removed and added keys, one line each", "[report]") {
  CHECK(config_differences("optimizer: {plugin: momentum, learning_rate: 0.05, momentum: 0.9}\n"
                           "training: {iterations: 20}\n",
                           "optimizer: {plugin: adam, learning_rate: 0.1, beta1: 0.8}\n"
                           "training: {iterations: 20}\n") ==
        Lines{"optimizer.plugin: momentum -> adam", "optimizer.learning_rate: 0.05 -> 0.1",
              "optimizer.momentum: removed (was 0.9)", "optimizer.beta1: added (0.8)"});
}

TEST_CASE("ConfigDiff: numbers compare by value and key order does not matter", "[report]") {
  CHECK(config_differences("optimizer: {learning_rate: 0.1, plugin: sgd}\n",
                           "optimizer: {plugin: sgd, learning_rate: 1e-1}\n")
            .empty());
  CHECK(config_differences("model: {layers: [3, 2, 1]}\n", "model: {layers: [4, 1]}\n") ==
        Lines{"model.layers: [3, 2, 1] -> [4, 1]"});
}
