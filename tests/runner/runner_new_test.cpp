#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "support/plugins.hpp"
#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::test::read_text;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

// Building and training with what `runner new` writes is tests/kit's job (it needs an
// install); these check what it writes and what it refuses, without compiling anything.

TEST_CASE("RunnerNew: writes source, CMakeLists, experiment and README for each kind",
          "[runner][new]") {
  const auto [kind, macro] = GENERATE(table<std::string, std::string>({
      {"optimizer", "NNLAB_REGISTER_OPTIMIZER(MyPlugin2, \"my_plugin2\","},
      {"loss", "NNLAB_REGISTER_LOSS(MyPlugin2, \"my_plugin2\","},
      {"dataset", "NNLAB_REGISTER_DATASET(MyPlugin2, \"my_plugin2\","},
  }));
  CAPTURE(kind);
  nnlab::test::TempDir dir;
  const auto outcome = run_runner("new " + kind + " my_plugin2 --dir " + dir.path().string());
  INFO(outcome.output);
  REQUIRE(outcome.status == 0);
  const fs::path project = dir.path() / "my_plugin2";
  CHECK_THAT(outcome.output,
             Contains("created " + kind + " plugin 'my_plugin2' in " + project.string()));

  const std::string source = read_text(project / "my_plugin2.cpp");
  CHECK_THAT(source, Contains("#include <nnlab/plugin.hpp>"));
  CHECK_THAT(source, Contains(macro));
  CHECK(source.find('@') == std::string::npos); // every placeholder filled in
  CHECK_THAT(read_text(project / "CMakeLists.txt"),
             Contains("find_package(nnlab REQUIRED)\nnnlab_add_plugin(" + kind +
                      " my_plugin2 my_plugin2.cpp)\n"));
  CHECK_THAT(read_text(project / "my_plugin2.yaml"), Contains(kind + ": {plugin: my_plugin2"));
  const std::string readme = read_text(project / "README.md");
  CHECK_THAT(readme, Contains("runner check-plugin my_plugin2 --plugin-path build/plugins"));
  // The README names the prefix PREFIX (it is the same on every machine); the commands
  // printed carry the real one.
  CHECK_THAT(readme, Contains("-DCMAKE_PREFIX_PATH=PREFIX\n"));
  CHECK_THAT(outcome.output, Contains(" -DCMAKE_PREFIX_PATH=/"));
}

namespace {
// The regular files directly in `folder`, by name (a project is flat; a build folder
// inside it is not part of it).
std::map<std::string, std::string> project_files(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file()) files[entry.path().filename().string()] = read_text(entry.path());
  return files;
}
} // namespace

TEST_CASE("RunnerNew: plugins/template is exactly what `runner new optimizer my_sgd` writes",
          "[runner][new]") {
  nnlab::test::TempDir dir;
  // The registry would refuse a second my_sgd only if the template's build were on the
  // search path; it is not.
  const auto outcome = run_runner("new optimizer my_sgd --dir " + dir.path().string());
  INFO(outcome.output);
  REQUIRE(outcome.status == 0);
  const auto written = project_files(dir.path() / "my_sgd");
  const auto shipped = project_files(nnlab::test::source_dir() / "plugins/template");
  std::vector<std::string> written_names, shipped_names;
  for (const auto& [name, text] : written)
    written_names.push_back(name);
  for (const auto& [name, text] : shipped)
    shipped_names.push_back(name);
  REQUIRE(written_names ==
          std::vector<std::string>{"CMakeLists.txt", "README.md", "my_sgd.cpp", "my_sgd.yaml"});
  REQUIRE(shipped_names == written_names);
  for (const auto& [name, text] : written) {
    // On a difference: `runner new optimizer my_sgd --dir /tmp` and diff the two folders;
    // change framework/runner/skeleton_sources.cpp or plugin_skeleton.cpp, then copy.
    INFO("plugins/template/" << name << " differs from what runner new writes");
    CHECK(shipped.at(name) == text);
  }
}

TEST_CASE("RunnerNew: refuses a NAME that is not lower_snake_case and writes nothing",
          "[runner][new]") {
  const std::string name = GENERATE("MySgd", "my-sgd", "my__sgd", "my_sgd_", "_sgd", "2sgd");
  CAPTURE(name);
  nnlab::test::TempDir dir;
  const auto outcome = run_runner("new optimizer " + name + " --dir " + dir.path().string());
  CHECK(outcome.status == 2);
  CHECK_THAT(outcome.output, Contains("must be lower_snake_case") && Contains("'" + name + "'"));
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("RunnerNew: never overwrites an existing folder", "[runner][new]") {
  nnlab::test::TempDir dir;
  const auto mine = dir.write("my_loss/my_loss.cpp", "// my own work\n");
  const auto outcome = run_runner("new loss my_loss --dir " + dir.path().string());
  CHECK(outcome.status == 2);
  CHECK_THAT(outcome.output, Contains("my_loss: already exists; runner new does not overwrite"));
  CHECK(read_text(mine) == "// my own work\n");
}

TEST_CASE("RunnerNew: refuses the name of a plugin already on the search path", "[runner][new]") {
  nnlab::test::TempDir dir;
  const auto outcome = run_runner("new optimizer sgd --dir " + dir.path().string());
  CHECK(outcome.status == 2);
  CHECK_THAT(outcome.output, Contains("there is already optimizer 'sgd'"));
  CHECK(fs::is_empty(dir.path()));
}
