#include <catch2/catch.hpp>

#include <H5Cpp.h>

#include "framework/storage/store_checks.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/temp_dir.hpp"

namespace {
using namespace nnlab;
using namespace nnlab::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Ids = std::vector<std::string>;
using Attributes = std::vector<std::pair<std::string, std::string>>;
namespace fs = std::filesystem;

/// The names in a folder, sorted; none when it does not exist.
Ids names_in(const fs::path& folder) {
  Ids names;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool in_main_file(const fs::path& file, const std::string& id) {
  return H5::H5File(file.string(), H5F_ACC_RDONLY).nameExists("/runs/" + id);
}

} // namespace

TEST_CASE("RunStore: a run written is in the journal until publish moves it into runs.h5",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "results" / "xor" / "runs.h5";
  const auto journal = dir.path() / "results" / "xor" / "runs.h5.journal";
  const RunRecord published = make_run("r0", RunStatus::done);
  write_and_publish(file, {published});
  RunStore store = RunStore::open(file, store_header);
  const RunRecord run = make_run("r1", RunStatus::diverged, 9);
  RunRecord rerun = make_run("r0", RunStatus::failed, 5);
  rerun.message = "rerun";
  store.write_run(run);
  store.write_run(rerun);
  CHECK(names_in(journal) == Ids{"r0.h5", "r1.h5"});
  CHECK_FALSE(in_main_file(file, "r1"));
  SECTION("another reader sees the journal, and a journal run replaces a published one") {
    const RunStore reader = RunStore::open_read_only(file);
    CHECK(reader.run_ids() == Ids{"r0", "r1"});
    CHECK(reader.completed_run_ids() == std::set<std::string>{"r1"});
    check_same(reader.read_run("r1"), run);
    check_same(reader.read_run("r0"), rerun);
  }
  SECTION("publish merges the journal into runs.h5 and empties it") {
    store.publish();
    CHECK(names_in(journal).empty());
    CHECK(names_in(file.parent_path()) == Ids{"runs.h5", "runs.h5.journal"});
    CHECK(in_main_file(file, "r1"));
    const RunStore reader = RunStore::open_read_only(file);
    CHECK(reader.run_ids() == Ids{"r0", "r1"});
    check_same(reader.read_run("r1"), run);
    check_same(reader.read_run("r0"), rerun);
    store.publish(); // nothing to publish: runs.h5 is left as it is
    CHECK(reader.run_ids() == Ids{"r0", "r1"});
  }
  SECTION("a store dropped without publishing is published by the next open") {
    store = RunStore::open_read_only(file); // drops the writer: its destructor does not publish
    CHECK(names_in(journal) == Ids{"r0.h5", "r1.h5"});
    RunStore::open(file, store_header);
    CHECK(names_in(journal).empty());
    CHECK(in_main_file(file, "r1"));
    check_same(RunStore::open_read_only(file).read_run("r0"), rerun);
  }
}

TEST_CASE("RunStore: start and end time and the best iteration are run attributes", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  RunRecord run = make_run("r1", RunStatus::done, 12);
  run.best_iteration = 0xFFFF'FFFF'FFFF;
  write_and_publish(file, {run});
  check_same(RunStore::open_read_only(file).read_run("r1"), run);
  const H5::Group raw = H5::H5File(file.string(), H5F_ACC_RDONLY).openGroup("/runs/r1");
  for (const char* name : {"start_time", "end_time", "best_iteration", "wall_time_s"}) {
    CAPTURE(name);
    CHECK(raw.attrExists(name));
  }
}

TEST_CASE("RunStore: a run's precision is an attribute, and a store without it holds float64 runs",
          "[storage][float32]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  RunRecord single = make_run("r2", RunStatus::done, 3);
  single.precision = "float32";
  write_and_publish(file, {make_run("r1", RunStatus::done, 3), single});
  check_same(RunStore::open_read_only(file).read_run("r2"), single);
  {
    H5::H5File h5(file.string(), H5F_ACC_RDWR);
    const H5::Group raw = h5.openGroup("/runs/r2");
    CHECK(raw.attrExists("precision"));
    // As a store written before the precision was stored.
    h5.openGroup("/runs/r1").removeAttr("precision");
  }
  CHECK(RunStore::open_read_only(file).read_run("r1").precision == "float64");
  CHECK(RunStore::open_read_only(file).read_run("r2").precision == "float32");
}

TEST_CASE("RunStore: class and feature names are string datasets, absent in older stores",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  RunRecord unnamed = make_run("r2", RunStatus::done, 3);
  unnamed.class_names.clear();
  unnamed.feature_names.clear();
  write_and_publish(file, {make_run("r1", RunStatus::done, 3), unnamed});
  check_same(RunStore::open_read_only(file).read_run("r1"), make_run("r1", RunStatus::done, 3));
  check_same(RunStore::open_read_only(file).read_run("r2"), unnamed);
  {
    H5::H5File h5(file.string(), H5F_ACC_RDWR);
    const H5::DataSet names = h5.openDataSet("/runs/r1/class_names");
    CHECK(names.getTypeClass() == H5T_STRING);
    CHECK(names.getStrType().isVariableStr());
    CHECK(names.getStrType().getCset() == H5T_CSET_UTF8);
    hsize_t n = 0;
    CHECK(names.getSpace().getSimpleExtentNdims() == 1);
    names.getSpace().getSimpleExtentDims(&n);
    CHECK(n == 4);
    // As a store written before the names were stored.
    h5.unlink("/runs/r1/class_names");
    h5.unlink("/runs/r1/feature_names");
  }
  const RunRecord old = RunStore::open_read_only(file).read_run("r1");
  CHECK(old.class_names.empty());
  CHECK(old.feature_names.empty());
  CHECK(old.weights.size() == 3);
}

TEST_CASE("RunStore: extra header attributes round-trip and are replaced at every open",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  StoreHeader header = store_header;
  header.attributes = {{"git_commit", "abc123"}, {"command_line", "runner xor.yaml"}};
  CHECK(RunStore::open(file, header).header().attributes ==
        Attributes{{"command_line", "runner xor.yaml"}, {"git_commit", "abc123"}});
  CHECK(RunStore::open_read_only(file).header().attributes ==
        Attributes{{"command_line", "runner xor.yaml"}, {"git_commit", "abc123"}});
  header.attributes = {{"git_commit", "def456"}, {"host", "ü-host"}};
  RunStore::open(file, header);
  const StoreHeader back = RunStore::open_read_only(file).header();
  CHECK(back.attributes == Attributes{{"git_commit", "def456"}, {"host", "ü-host"}});
  CHECK(back.created == store_header.created);
  SECTION("reserved or repeated names are refused") {
    header.attributes = {{"host", "a"}, {"created", "b"}};
    CHECK(storage_error([&] { RunStore::open(file, header); }) ==
          file.string() +
              ": cannot open: header attribute name 'created' is empty, reserved or given twice");
    header.attributes = {{"host", "a"}, {"host", "b"}};
    CHECK_THAT(storage_error([&] { RunStore::open(file, header); }), Contains("'host'"));
  }
}

TEST_CASE("RunStore: leftover tmp files are ignored, then removed by open", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  write_and_publish(file, {make_run("r1")});
  // What kills leave: a half-copied runs.h5 and a half-written journal run.
  dir.write("runs.h5.tmp", "half a copy");
  dir.write("runs.h5.journal/r2.h5.tmp", "half a run");
  CHECK(RunStore::open_read_only(file).run_ids() == Ids{"r1"});
  CHECK(names_in(dir.path()) == Ids{"runs.h5", "runs.h5.journal", "runs.h5.tmp"});
  CHECK(names_in(dir.path() / "runs.h5.journal") == Ids{"r2.h5.tmp"});
  RunStore store = RunStore::open(file, store_header);
  CHECK(names_in(dir.path()) == Ids{"runs.h5", "runs.h5.journal"});
  CHECK(names_in(dir.path() / "runs.h5.journal").empty());
  CHECK(store.run_ids() == Ids{"r1"});
}

TEST_CASE("RunStore: a damaged journal file is named, with the way out", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  write_and_publish(file, {make_run("r1")});
  const std::string before = test::read_text(file);
  const auto bad = dir.write("runs.h5.journal/r2.h5", "not HDF5");
  const std::string error = storage_error([&] { RunStore::open(file, store_header); });
  CHECK_THAT(error, StartsWith(bad.string() + ": not an nnlab store (not an HDF5 file)") &&
                        Contains("delete it to drop run 'r2'") && !Contains("\n"));
  CHECK(storage_error([&] { RunStore::open_read_only(file).read_run("r2"); }) == error);
  CHECK(test::read_text(file) == before);
  std::filesystem::remove(bad);
  CHECK(RunStore::open(file, store_header).run_ids() == Ids{"r1"});
}

TEST_CASE("RunStore: a second writer is refused while the first is open", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  std::optional<RunStore> writer = RunStore::open(file, store_header);
  CHECK(storage_error([&] { RunStore::open(file, store_header); }) ==
        file.string() + ": cannot open: another writer has it open");
  CHECK(RunStore::open_read_only(file).run_ids().empty());
  writer.reset();
  CHECK(RunStore::open(file, store_header).run_ids().empty());
}
