#include <catch2/catch.hpp>

#include "nnlab/config/yaml_source.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/plugin/plugin_config.hpp"

using Catch::Matchers::Contains;
using namespace nnlab;

namespace {
PluginConfig config_of(const char* yaml) {
  return PluginConfig(parse_yaml(yaml, "exp.yaml"),
                      {param::number("rate", 0.5, "a rate"), param::integer("count", 3, "a count"),
                       param::boolean("shuffle", true, "shuffle?"),
                       param::required("train", ParamType::path, "training file"),
                       param::optional("features", ParamType::string_list, "columns")},
                      {"dataset", "dataset 'x'", "/data/exp", {"plugin"}});
}
} // namespace

TEST_CASE("PluginConfig: values written win over declared defaults", "[plugin][config]") {
  const auto config = config_of("{rate: 0.25, train: a.csv}");
  config.validate();
  CHECK(config.get<double>("rate") == 0.25);
  CHECK(config.get<std::int64_t>("count") == 3);
  CHECK(config.get<bool>("shuffle"));
  CHECK(config.get<std::filesystem::path>("train") == "/data/exp/a.csv");
  CHECK_FALSE(config.has("features"));
}

TEST_CASE("PluginConfig: given tells a written key from a declared default", "[plugin][config]") {
  const auto config = config_of("{rate: 0.25, train: a.csv}");
  CHECK(config.given("rate"));
  CHECK_FALSE(config.given("count"));
  CHECK(config.has("count"));
  CHECK_FALSE(config.given("features"));
  REQUIRE_THROWS_WITH(config.given("nope"), Contains("reads parameter 'nope'"));
}

TEST_CASE("PluginConfig: every failure names the file, line and key", "[plugin][config]") {
  SECTION("missing required key") {
    REQUIRE_THROWS_WITH(config_of("{rate: 1}").validate(),
                        Contains("exp.yaml:1:1: dataset: missing key 'train'"));
  }
  SECTION("wrong type in a list") {
    REQUIRE_THROWS_WITH(config_of("{train: a, features: [x, [y]]}").validate(),
                        Contains("dataset.features[1]: expected a string, got a list"));
  }
  SECTION("range check by the plugin") {
    const auto config = config_of("{train: a,\n rate: 7}");
    REQUIRE_THROWS_WITH(
        config.fail("rate", "a number in [0, 1]"),
        Contains("exp.yaml:2:8: dataset.rate: expected a number in [0, 1], got '7'"));
  }
  SECTION("a parameter the plugin never declared is the plugin's bug") {
    REQUIRE_THROWS_AS(config_of("{train: a}").get<double>("nope"), PluginError);
  }
}
