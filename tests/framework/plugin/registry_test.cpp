#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/plugin/registry.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::Contains;
using nnlab::PluginKind;
namespace fs = std::filesystem;

TEST_CASE("Registry: finds the build's plugins by kind and name", "[plugin][registry]") {
  nnlab::Registry registry({NNLAB_TEST_PLUGIN_DIR});
  const auto optimizers = registry.names(PluginKind::optimizer);
  CHECK(optimizers == std::vector<std::string>{"adagrad", "adam", "adamw", "momentum", "nesterov",
                                               "rmsprop", "sgd"});
  CHECK(registry.names(PluginKind::loss) == std::vector<std::string>{"binary_cross_entropy",
                                                                     "categorical_cross_entropy",
                                                                     "mean_squared_error"});
  CHECK(registry.names(PluginKind::dataset) ==
        std::vector<std::string>{"blobs", "circles", "classification", "csv", "double_spiral",
                                 "gaussian_quantiles", "moons", "xor"});
  CHECK(registry.file_of(PluginKind::dataset, "csv").filename() == "nnlab_dataset_csv.so");
  CHECK(registry.file_of(PluginKind::dataset, "nope").empty());
}

TEST_CASE("Registry: an unknown name lists the known ones and suggests the closest",
          "[plugin][registry]") {
  const auto block = nnlab::test::block("optimizer", PluginKind::optimizer,
                                        "{plugin: nestrov, learning_rate: 0.1}");
  REQUIRE_THROWS_AS(nnlab::test::registry().create_optimizer(block), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(
      nnlab::test::registry().create_optimizer(block),
      Contains("<test>:1:10: optimizer.plugin: unknown optimizer 'nestrov'") &&
          Contains("did you mean 'nesterov'?") &&
          Contains("known: adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd"));
}

TEST_CASE("Registry: checks a block's keys against the plugin's parameters", "[plugin][registry]") {
  SECTION("an unknown key, with the core's keys among the known ones") {
    const auto block = nnlab::test::block("optimizer", PluginKind::optimizer,
                                          "{plugin: momentum, learning_rate: 0.1, momentun: 0.9}");
    REQUIRE_THROWS_WITH(nnlab::test::registry().create_optimizer(block),
                        Contains("<test>:1:40: optimizer.momentun: unknown key for optimizer "
                                 "'momentum'; did you mean 'momentum'?") &&
                            Contains("known: learning_rate, momentum, plugin"));
  }
  SECTION("a wrong type") {
    const auto block = nnlab::test::block("optimizer", PluginKind::optimizer,
                                          "{plugin: momentum, momentum: fast}");
    REQUIRE_THROWS_WITH(nnlab::test::registry().create_optimizer(block),
                        Contains("<test>:1:30: optimizer.momentum: expected a number, got 'fast'"));
  }
}

TEST_CASE("Registry: the same plugin in two folders is an error naming both files",
          "[plugin][registry]") {
  const fs::path duplicate = fs::path(NNLAB_TEST_FIXTURE_DIR) / "duplicate";
  REQUIRE_THROWS_WITH(nnlab::Registry({NNLAB_TEST_PLUGIN_DIR, duplicate}),
                      Contains("plugin 'sgd' (optimizer) defined twice:") &&
                          Contains((duplicate / "nnlab_optimizer_sgd.so").string()));
}

TEST_CASE("Registry: the search path puts --plugin-path first, then NNLAB_PLUGIN_PATH",
          "[plugin][registry]") {
  const fs::path a = fs::path(NNLAB_TEST_FIXTURE_DIR) / "broken";
  const fs::path b = fs::path(NNLAB_TEST_FIXTURE_DIR) / "lifetime";
  ::setenv("NNLAB_PLUGIN_PATH", b.c_str(), 1);
  const auto path = nnlab::Registry::search_path({a});
  ::unsetenv("NNLAB_PLUGIN_PATH");
  REQUIRE(path.size() == 3);
  CHECK(path[0] == fs::weakly_canonical(a));
  CHECK(path[1] == fs::weakly_canonical(b));
  CHECK(path[2] == fs::weakly_canonical(NNLAB_TEST_PLUGIN_DIR));
}
