#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "framework/storage/store_checks.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/results_folder.hpp"
#include "support/temp_dir.hpp"

namespace {
using namespace nnlab;
namespace fs = std::filesystem;
using Catch::Matchers::EndsWith;

StoreHeader header_of(const fs::path& experiment_file) {
  StoreHeader header = test::store_header;
  header.attributes = {{"experiment_file", experiment_file.string()}};
  return header;
}

std::string refusal(const fs::path& folder, const StoreHeader& header) {
  try {
    open_experiment_store(folder, header);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(opened)";
}

} // namespace

TEST_CASE("ResultsFolder: the same experiment file reopens its store, however it is spelt",
          "[engine][results]") {
  const test::TempDir dir;
  const fs::path folder = dir.path() / "results" / "xor";
  const fs::path yaml = dir.write("xor.yaml", "name: xor\n");
  open_experiment_store(folder, header_of(yaml)).write_run(test::make_run("r1"));
  // Through "." and "..": still the same file.
  const fs::path spelt = dir.path() / "results" / ".." / "." / "xor.yaml";
  CHECK(open_experiment_store(folder, header_of(spelt)).run_ids() ==
        std::vector<std::string>{"r1"});
}

TEST_CASE("ResultsFolder: a store that does not name its experiment file stays usable",
          "[engine][results]") {
  const test::TempDir dir;
  const fs::path folder = dir.path() / "old";
  test::write_and_publish(folder / "runs.h5", {test::make_run("r1")});
  CHECK(open_experiment_store(folder, header_of(dir.path() / "any.yaml")).run_ids().size() == 1);
}

TEST_CASE("ResultsFolder: another experiment's store is refused and kept byte for byte",
          "[engine][results]") {
  const test::TempDir dir;
  const fs::path folder = dir.path() / "results" / "xor";
  open_experiment_store(folder, header_of(dir.path() / "a.yaml")).write_run(test::make_run("r1"));
  const std::string before = test::read_text(folder / "runs.h5");
  CHECK(refusal(folder, header_of(dir.path() / "b.yaml")) ==
        (folder / "runs.h5").string() + ": holds the runs of experiment " +
            (dir.path() / "a.yaml").string() + ", not of " + (dir.path() / "b.yaml").string() +
            "; the runner never mixes two experiments in one store: give this one another "
            "name, or another --out DIR");
  CHECK(test::read_text(folder / "runs.h5") == before);
}

TEST_CASE("ResultsFolder: a link anywhere in the experiment's folder is refused",
          "[engine][results]") {
  const test::TempDir dir;
  const fs::path folder = dir.path() / "results" / "xor";
  const fs::path outside = dir.path() / "outside";
  fs::create_directories(outside);
  fs::path link;
  SECTION("the folder itself") {
    fs::create_directories(folder.parent_path());
    link = folder;
    fs::create_directory_symlink(outside, link);
  }
  SECTION("a folder deep inside it") {
    fs::create_directories(folder / "plots");
    link = folder / "plots" / "cost.png";
    fs::create_symlink(outside / "cost.png", link);
  }
  CHECK_THAT(refusal(folder, header_of(dir.path() / "a.yaml")),
             EndsWith(link.string() + ": a symbolic link in the results folder; the runner "
                                      "never writes through links (replace it with a folder "
                                      "or file, or give another --out DIR)"));
  CHECK(fs::is_empty(outside));
}
