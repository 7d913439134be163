#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/plugin/plugin_config.hpp"
#include "nnlab/yaml/yaml_source.hpp"

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

namespace {
// One parameter of each constraint the declarations state.
PluginConfig constrained(const char* yaml) {
  return PluginConfig(
      parse_yaml(yaml, "exp.yaml"),
      {param::number("momentum", 0.9, "mu").at_least(0).below(1),
       param::number("epsilon", 1e-8, "eps").above(0),
       param::integer("n_samples", 600, "samples").at_least(2).at_most(10'000'000),
       param::string("label_type", "auto", "how").one_of({"auto", "integer", "string"}),
       param::optional("weights", ParamType::number_list, "shares").at_least(0).at_most(1),
       param::optional("columns", ParamType::string_list, "names").one_of({"x1", "x2"}),
       param::number("shift", 0.0, "no range")},
      {"dataset", "dataset 'x'", "/data/exp", {"plugin"}});
}
} // namespace

TEST_CASE("PluginConfig: values inside the declared ranges and choices pass, bounds included "
          "where declared",
          "[plugin][config]") {
  const auto config = constrained("{momentum: 0, epsilon: 1e-300, n_samples: 2, label_type: "
                                  "string, weights: [0, 1], columns: [x2, x1], shift: -1e300}");
  config.validate();
  CHECK(config.get<double>("momentum") == 0.0);
  CHECK(config.get<std::int64_t>("n_samples") == 2);
  CHECK(config.get<std::string>("label_type") == "string");
  constrained("{n_samples: 10000000, momentum: 0.999999}").validate();
}

TEST_CASE("PluginConfig: a value outside its declared range or choices is a ConfigError at the "
          "value",
          "[plugin][config]") {
  const auto [yaml, error] = GENERATE(table<std::string, std::string>({
      {"{momentum: 1}", "exp.yaml:1:12: dataset.momentum: expected a number in [0, 1), got '1'"},
      {"{momentum: -0.1}", "dataset.momentum: expected a number in [0, 1), got '-0.1'"},
      {"{epsilon: 0}", "dataset.epsilon: expected a number > 0, got '0'"},
      {"{epsilon: -1e-8}", "dataset.epsilon: expected a number > 0, got '-1e-8'"},
      {"{n_samples: 1}", "dataset.n_samples: expected an integer in [2, 10000000], got '1'"},
      {"{n_samples: 1e7}", ""}, // 1e7 is an integer written as a number, at the bound
      {"{n_samples: 10000001}",
       "dataset.n_samples: expected an integer in [2, 10000000], got '10000001'"},
      {"{label_type: names}",
       "dataset.label_type: expected one of auto, integer, string, got 'names'"},
      {"{label_type: strng}", "dataset.label_type: expected one of auto, integer, string, got "
                              "'strng'; did you mean 'string'?"},
      {"{weights: [0.5, 1.5]}",
       "exp.yaml:1:17: dataset.weights[1]: expected a number in [0, 1], got '1.5'"},
      {"{columns: [x1, y]}", "dataset.columns[1]: expected one of x1, x2, got 'y'"},
      // The type is checked first: a value of another type never reaches the range.
      {"{momentum: high}", "dataset.momentum: expected a number, got 'high'"},
      {"{momentum: .nan}", "dataset.momentum: expected a number, got '.nan'"},
  }));
  CAPTURE(yaml);
  const auto config = constrained(yaml.c_str());
  if (error.empty()) {
    config.validate();
    CHECK(config.get<std::int64_t>("n_samples") == 10'000'000);
    return;
  }
  REQUIRE_THROWS_AS(config.validate(), ConfigError);
  REQUIRE_THROWS_WITH(config.validate(), Contains(error));
}

TEST_CASE("PluginConfig: files are the path parameters given or defaulted, as written and "
          "resolved",
          "[plugin][config]") {
  ParamSpec defaulted = param::optional("weights", ParamType::path, "a table");
  defaulted.presence = ParamSpec::Presence::defaulted;
  defaulted.default_text = "/abs/w.csv";
  const PluginConfig config(parse_yaml("{train: ./sub/../a.csv, name: b.csv}", "exp.yaml"),
                            {param::required("train", ParamType::path, "training file"),
                             param::optional("test", ParamType::path, "test file"),
                             param::string("name", "x", "a string, not a file"), defaulted},
                            {"dataset", "dataset 'x'", "/data/exp", {"plugin"}});
  const auto files = config.files();
  REQUIRE(files.size() == 2); // test is not given, name is a string
  CHECK(files[0].key == "train");
  CHECK(files[0].written == "./sub/../a.csv");
  CHECK(files[0].path == "/data/exp/a.csv");
  CHECK(files[0].at.str() == "exp.yaml:1:9");
  CHECK(files[1].key == "weights");
  CHECK(files[1].path == "/abs/w.csv");
}
