#include <catch2/catch.hpp>

#include <dlfcn.h>

#include "nnlab/core/error.hpp"
#include "nnlab/plugin/optimizer.hpp"
#include "nnlab/plugin/plugin_config.hpp"
#include "nnlab/plugin/plugin_library.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {
fs::path fixture(const std::string& folder, const std::string& stem) {
  return fs::path(NNLAB_TEST_FIXTURE_DIR) / folder / (stem + ".so");
}
} // namespace

TEST_CASE("PluginLibrary: reads a real plugin's descriptor", "[plugin][loader]") {
  const auto lib =
      nnlab::PluginLibrary::open(fs::path(NNLAB_TEST_PLUGIN_DIR) / "nnlab_optimizer_momentum.so");
  const auto& d = lib->description();
  CHECK(d.kind == nnlab::PluginKind::optimizer);
  CHECK(d.name == "momentum");
  CHECK_FALSE(d.description.empty());
  REQUIRE(d.params.size() == 1);
  CHECK(d.params[0].name == "momentum");
  CHECK(nnlab::allowed_text(d.params[0]) == "in [0, 1)");
}

TEST_CASE("PluginLibrary: refuses libraries that are not usable plugins", "[plugin][loader]") {
  SECTION("another API version") {
    const auto file = fixture("broken", "nnlab_optimizer_wrong_api");
    REQUIRE_THROWS_WITH(nnlab::PluginLibrary::open(file),
                        Contains(file.string()) && Contains("API version 3, runner expects 2"));
  }
  SECTION("no nnlab descriptor") {
    const auto file = fixture("broken", "nnlab_optimizer_not_a_plugin");
    REQUIRE_THROWS_WITH(nnlab::PluginLibrary::open(file), Contains(file.string()) &&
                                                              Contains("not an nnlab plugin") &&
                                                              Contains("nnlab_plugin_api_version"));
  }
  SECTION("a declared name that does not match the file name") {
    const auto file = fixture("broken", "nnlab_optimizer_misnamed");
    REQUIRE_THROWS_WITH(nnlab::PluginLibrary::open(file), Contains("declares optimizer 'other'") &&
                                                              Contains("nnlab_optimizer_other.so"));
  }
  SECTION("a default outside its own declared range") {
    const auto file = fixture("broken", "nnlab_optimizer_bad_range");
    REQUIRE_THROWS_AS(nnlab::PluginLibrary::open(file), nnlab::PluginError);
    REQUIRE_THROWS_WITH(nnlab::PluginLibrary::open(file),
                        Contains("plugin " + file.string() +
                                 ": params(): parameter 'momentum': default 1.5 is outside its "
                                 "range in [0, 1)"));
  }
  SECTION("not a shared library at all") {
    const auto file = fs::path(NNLAB_SOURCE_DIR) / "README.md";
    REQUIRE_THROWS_WITH(nnlab::PluginLibrary::open(file),
                        Contains("plugin " + file.string() + ": cannot load:"));
  }
}

TEST_CASE("PluginLibrary: a factory's plain exception becomes a PluginError naming the plugin",
          "[plugin][loader]") {
  const auto lib = nnlab::PluginLibrary::open(fixture("broken", "nnlab_optimizer_throws"));
  const nnlab::PluginConfig config(nnlab::ConfigNode::map(), {}, {});
  REQUIRE_THROWS_AS(lib->create(config), nnlab::PluginError);
  REQUIRE_THROWS_WITH(lib->create(config),
                      Contains("optimizer 'throws'") && Contains("cannot build this"));
}

TEST_CASE("PluginLibrary: objects keep their library loaded and outlive the handle",
          "[plugin][loader]") {
  // Only this test loads the `lifetime` fixture, so no other handle keeps it alive.
  const auto file = fixture("lifetime", "nnlab_optimizer_lifetime");
  const auto is_loaded = [&] {
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (handle) dlclose(handle);
    return handle != nullptr;
  };
  REQUIRE_FALSE(is_loaded());
  std::shared_ptr<nnlab::Plugin> object;
  {
    const auto lib = nnlab::PluginLibrary::open(file);
    object = lib->create(nnlab::PluginConfig(nnlab::ConfigNode::map(), {}, {}));
  }
  REQUIRE(is_loaded()); // the handle is gone, the object holds the library
  auto& optimizer = dynamic_cast<nnlab::Optimizer&>(*object);
  arma::vec w{1.0, 2.0};
  optimizer.step(w, arma::vec{1.0, 1.0}, 0.5); // code in the library still runs
  CHECK(w[0] == 0.5);
  CHECK(w[1] == 1.5);
  object.reset();
  CHECK_FALSE(is_loaded());
}
