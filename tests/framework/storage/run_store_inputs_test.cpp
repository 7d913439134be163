#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <random>
#include <sstream>
#include <thread>

#include <H5Cpp.h>
#include <sys/wait.h>
#include <unistd.h>

#include "framework/storage/store_checks.hpp"
#include "nnlab/storage/run_store.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/temp_dir.hpp"

// What a run read and ran (inputs, libraries), read back fast without the series
// (run_headers), a root attribute set durably (set_attribute), and runs replaced in place
// through the journal, as a rerun of stale runs does, under SIGKILL.

namespace {
using namespace nnlab;
using namespace nnlab::test;
namespace fs = std::filesystem;

std::string raw_attribute(const fs::path& file, const std::string& group, const char* name) {
  const H5::Group run = H5::H5File(file.string(), H5F_ACC_RDONLY).openGroup(group);
  if (!run.attrExists(name)) return "(absent)";
  std::string text;
  const H5::Attribute attribute = run.openAttribute(name);
  attribute.read(attribute.getStrType(), text);
  return text;
}

} // namespace

TEST_CASE("RunStore: a run's inputs and libraries are YAML maps of SHA-256, absent in older "
          "stores",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  RunRecord none = make_run("r2", RunStatus::done, 3);
  none.inputs.clear();
  none.libraries.clear();
  write_and_publish(file, {make_run("r1", RunStatus::done, 3), none});
  check_same(RunStore::open_read_only(file).read_run("r1"), make_run("r1", RunStatus::done, 3));
  check_same(RunStore::open_read_only(file).read_run("r2"), none);
  // h5py users read them with any YAML reader: one "path: sha256" a line, quoted as needed.
  const ConfigNode inputs = parse_yaml(raw_attribute(file, "/runs/r1", "inputs"), "inputs");
  REQUIRE(inputs.is_map());
  REQUIRE(inputs.entries().size() == 2);
  CHECK(inputs.entries()[0].key == "../data/xor train: v2.csv");
  CHECK(inputs.entries()[0].value.text() == std::string(64, 'a'));
  CHECK(inputs.entries()[1].key == "/abs/Größe #1.h5");
  CHECK(raw_attribute(file, "/runs/r1", "libraries") ==
        "core: " + std::string(64, 'c') + "\noptimizer/sgd: " + std::string(64, 'f') + "\n");
  // A run stored without them (an older store, or a record that knows none) has none.
  CHECK(raw_attribute(file, "/runs/r2", "inputs") == "(absent)");

  SECTION("an attribute that is not such a map is named") {
    {
      H5::H5File h5(file.string(), H5F_ACC_RDWR);
      const H5::Group run = h5.openGroup("/runs/r1");
      run.removeAttr("inputs");
      const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
      run.createAttribute("inputs", type, H5::DataSpace(H5S_SCALAR))
          .write(type, std::string("[a, b]"));
    }
    CHECK(storage_error([&] { RunStore::open_read_only(file).read_run("r1"); }) ==
          file.string() +
              ": read run 'r1': attribute 'inputs' is not a map of names to SHA-256 (got a list)");
  }
}

TEST_CASE("RunStore: run_headers gives every run's status and hashes, journal runs included",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  RunRecord failed = make_run("b", RunStatus::failed, 2);
  failed.message = "plugin threw";
  write_and_publish(file, {make_run("c", RunStatus::done, 5), failed});
  RunStore store = RunStore::open(file, store_header);
  RunRecord pending = make_run("a", RunStatus::diverged, 3);
  pending.inputs = {{"x.csv", std::string(64, '1')}};
  store.write_run(pending); // in the journal only
  RunRecord replaced = make_run("c", RunStatus::done, 5);
  replaced.libraries = {{"core", std::string(64, '9')}};
  store.write_run(replaced); // a journal run replaces the published one

  const std::vector<RunHeader> headers = RunStore::open_read_only(file).run_headers();
  REQUIRE(headers.size() == 3);
  CHECK(headers[0].id == "a");
  CHECK(headers[0].status == RunStatus::diverged);
  CHECK(headers[0].inputs == pending.inputs);
  CHECK(headers[1].id == "b");
  CHECK(headers[1].status == RunStatus::failed);
  CHECK(headers[1].message == "plugin threw");
  CHECK(headers[1].libraries == failed.libraries);
  CHECK(headers[2].id == "c");
  CHECK(headers[2].libraries == replaced.libraries);
  CHECK(headers[2].inputs == replaced.inputs);
  store.publish();
  CHECK(RunStore::open_read_only(file).run_headers()[2].libraries == replaced.libraries);
}

TEST_CASE("RunStore: set_attribute publishes the value at once, pending runs with it",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  StoreHeader header = store_header;
  header.attributes = {{"host", "h"}};
  RunStore store = RunStore::open(file, header);
  store.write_run(make_run("r1"));
  store.set_attribute("library_checks", "core: []\n");
  store.set_attribute("host", "other");
  // In runs.h5 itself (not only in memory), and the journal was merged by the same publish.
  const H5::H5File h5(file.string(), H5F_ACC_RDONLY);
  CHECK(h5.attrExists("library_checks"));
  CHECK(h5.nameExists("/runs/r1"));
  const StoreHeader back = RunStore::open_read_only(file).header();
  CHECK(back.attribute("library_checks") == "core: []\n");
  CHECK(back.attribute("host") == "other");
  CHECK(storage_error([&] { store.set_attribute("format_version", "9"); }) ==
        file.string() + ": set attribute: 'format_version' is empty or reserved");
  CHECK(storage_error([&] { RunStore::open_read_only(file).set_attribute("a", "b"); }) ==
        file.string() + ": set attribute: the store is open read-only");
}

namespace {

constexpr int replaced_runs = 12;
constexpr arma::uword replace_iterations = 500;

/// The new version of run i: what a retrained stale run is (same id, other results).
RunRecord new_version(int i) {
  RunRecord run = numbered_run(i, replace_iterations);
  run.series.cost_train += 1.0;
  run.message = "retrained";
  run.inputs = {{"data.csv", std::string(64, 'e')}};
  return run;
}

/// In the child: replaces runs 0..replaced_runs-1 by their new versions, publishing after
/// every `publish_every`; says "w <i>" on `out` once write_run(i) returned. Never returns.
[[noreturn]] void replacer(const fs::path& file, int publish_every, int out) {
  try {
    RunStore store = RunStore::open(file, store_header);
    for (int i = 0; i < replaced_runs; ++i) {
      store.write_run(new_version(i));
      const std::string line = "w " + std::to_string(i) + "\n";
      if (::write(out, line.data(), line.size()) != static_cast<ssize_t>(line.size())) ::_exit(4);
      if ((i + 1) % publish_every == 0) store.publish();
    }
    store.publish();
  } catch (...) {
    ::_exit(3);
  }
  ::_exit(0);
}

} // namespace

TEST_CASE("RunStore: runs replaced through the journal are old or new, whole, after SIGKILL",
          "[storage][kill]") {
  const int publish_every = GENERATE(1, 4);
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  std::mt19937 random(Catch::rngSeed());
  for (int trial = 0; trial < 3; ++trial) {
    std::vector<RunRecord> old;
    for (int i = 0; i < replaced_runs; ++i)
      old.push_back(numbered_run(i, replace_iterations));
    fs::remove_all(dir.path() / "runs.h5.journal");
    fs::remove(file);
    write_and_publish(file, old);

    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      replacer(file, publish_every, fds[1]);
    }
    ::close(fds[1]);
    const int delay_ms = std::uniform_int_distribution<int>(0, 150)(random);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    REQUIRE(::waitpid(pid, nullptr, 0) == pid);
    std::string said;
    char buffer[256];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
      said.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int written = 0; // runs 0 .. written-1 were reported replaced
    std::istringstream lines(said);
    for (std::string line; std::getline(lines, line);)
      written = std::stoi(line.substr(2)) + 1;

    CAPTURE(publish_every, trial, delay_ms, written);
    const RunStore store = RunStore::open(file, store_header); // repairs what the kill left
    REQUIRE(store.run_ids().size() == static_cast<std::size_t>(replaced_runs));
    for (int i = 0; i < replaced_runs; ++i) {
      CAPTURE(i);
      const RunRecord back = store.read_run(old[i].id);
      if (i < written) CHECK(back.message == "retrained");
      check_same(back, back.message == "retrained" ? new_version(i) : old[i]);
    }
  }
}
