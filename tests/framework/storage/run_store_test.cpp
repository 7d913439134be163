#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <H5Cpp.h>

#include "framework/storage/store_checks.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/temp_dir.hpp"

namespace {
using namespace nnlab;
using namespace nnlab::test;
using Catch::Matchers::Contains;
using Catch::Matchers::Matches;
using Catch::Matchers::StartsWith;
using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("RunStore: a run written is read back whole", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "results" / "xor" / "runs.h5";
  const RunRecord run = make_run("a1b2");
  RunStore::open(file, store_header).write_run(run);
  const RunStore store = RunStore::open_read_only(file);
  CHECK(store.header().experiment_yaml == store_header.experiment_yaml);
  CHECK(store.header().nnlab_version == store_header.nnlab_version);
  CHECK(store.header().created == store_header.created);
  CHECK(store.run_ids() == Ids{"a1b2"});
  check_same(store.read_run("a1b2"), run);
}

TEST_CASE("RunStore: the scaler is stored only where the dataset standardised", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  RunRecord plain = make_run("plain");
  plain.scaler = {};
  write_and_publish(file, {make_run("scaled"), plain});
  const H5::H5File h5(file.string(), H5F_ACC_RDONLY);
  CHECK(h5.nameExists("/runs/scaled/scaler/mean"));
  CHECK(h5.nameExists("/runs/scaled/scaler/scale"));
  CHECK_FALSE(h5.nameExists("/runs/plain/scaler"));
  const RunStore store = RunStore::open_read_only(file);
  CHECK(store.read_run("plain").scaler.empty());
  CHECK(store.read_run("scaled").scaler.mean.n_elem == 2);
}

TEST_CASE("RunStore: weights are row-major {rows, cols} datasets, as h5py shows them",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  const RunRecord run = make_run("r1");
  write_and_publish(file, {run});
  SECTION("through the HDF5 C++ API") {
    const H5::DataSet dataset =
        H5::H5File(file.string(), H5F_ACC_RDONLY).openDataSet("/runs/r1/weights/W1");
    std::vector<hsize_t> dims(2);
    dataset.getSpace().getSimpleExtentDims(dims.data());
    REQUIRE(dims == std::vector<hsize_t>{3, 2});
    double raw[3][2];
    dataset.read(raw, H5::PredType::NATIVE_DOUBLE);
    for (arma::uword r = 0; r < 3; ++r)
      for (arma::uword c = 0; c < 2; ++c)
        CHECK(raw[r][c] == run.weights[0].second(r, c));
  }
  SECTION("through h5dump") {
    const auto out = dir.path() / "h5dump.txt";
    const std::string h5dump =
        "h5dump -H -d /runs/r1/weights/W1 '" + file.string() + "' > '" + out.string() + "'";
    REQUIRE(std::system(h5dump.c_str()) == 0);
    CHECK_THAT(test::read_text(out), Contains("DATASET \"/runs/r1/weights/W1\"") &&
                                         Contains("DATASPACE  SIMPLE { ( 3, 2 ) / ( 3, 2 ) }"));
  }
}

TEST_CASE("RunStore: reopening keeps runs and created, and a rerun replaces its run", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  RunStore::open(file, store_header).write_run(make_run("r1", RunStatus::failed, 0));
  const StoreHeader edited{"name: xor\nseed: 2\n", "0.2.0", "2031-01-01T00:00:00Z", {}};
  RunStore first = RunStore::open(file, edited);
  RunStore store = std::move(first);
  store.write_run(make_run("r0"));
  RunRecord rerun = make_run("r1", RunStatus::done, 6);
  rerun.label = "second";
  store.write_run(rerun);
  CHECK(store.run_ids() == Ids{"r0", "r1"});
  check_same(store.read_run("r1"), rerun);
  CHECK(store.header().created == store_header.created);
  CHECK(store.header().experiment_yaml == edited.experiment_yaml);
  CHECK(store.header().nnlab_version == edited.nnlab_version);
  const StoreHeader undated{"name: new\n", "0.1.0", "", {}};
  CHECK_THAT(RunStore::open(dir.path() / "new.h5", undated).header().created,
             Matches(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"));
}

TEST_CASE("RunStore: a failed run is kept, even without iterations, but is not completed",
          "[storage]") {
  const test::TempDir dir;
  RunStore store = RunStore::open(dir.path() / "runs.h5", store_header);
  const RunRecord failed = make_run("c-failed", RunStatus::failed, 0); // failed before iterating
  store.write_run(failed);
  store.write_run(make_run("a-done", RunStatus::done));
  store.write_run(make_run("b-diverged", RunStatus::diverged));
  CHECK(store.completed_run_ids() == std::set<std::string>{"a-done", "b-diverged"});
  check_same(store.read_run("c-failed"), failed);
}

TEST_CASE("RunStore: .tmp- groups left by older versions are ignored, then removed by open",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  write_and_publish(file, {make_run("r1")});
  // Before the journal, a run was written in place under /runs/.tmp-<id>, then renamed.
  H5::H5File(file.string(), H5F_ACC_RDWR).createGroup("/runs/.tmp-r2");
  CHECK(RunStore::open_read_only(file).run_ids() == Ids{"r1"});
  CHECK(RunStore::open_read_only(file).completed_run_ids() == std::set<std::string>{"r1"});
  RunStore::open(file, store_header);
  const H5::H5File raw(file.string(), H5F_ACC_RDONLY);
  CHECK_FALSE(raw.nameExists("/runs/.tmp-r2"));
  CHECK(raw.nameExists("/runs/r1"));
}

TEST_CASE("RunStore: a file that is not a current nnlab store is refused untouched", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  std::string why;
  SECTION("not HDF5") {
    dir.write("runs.h5", "name: xor\n");
    why = ": not an nnlab store (not an HDF5 file)";
  }
  SECTION("HDF5 without format_version") {
    H5::H5File(file.string(), H5F_ACC_TRUNC).createGroup("runs");
    why = ": not an nnlab store (no format_version attribute)";
  }
  SECTION("a newer format") {
    const H5::H5File h5(file.string(), H5F_ACC_TRUNC);
    h5.createGroup("runs");
    const std::int64_t three = 3;
    h5.createAttribute("format_version", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_INT64, &three);
    why = ": written by a newer nnlab (format 3, this one reads 2)";
  }
  const std::string before = test::read_text(file);
  CHECK(storage_error([&] { RunStore::open(file, store_header); }) == file.string() + why);
  CHECK(storage_error([&] { RunStore::open_read_only(file); }) == file.string() + why);
  CHECK(test::read_text(file) == before);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "runs.h5.journal"));
}

TEST_CASE("RunStore: what is missing or broken is named, on one line", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  CHECK(storage_error([&] { RunStore::open_read_only(file); }) ==
        file.string() + ": cannot open: no such file");
  CHECK_FALSE(std::filesystem::exists(file));
  write_and_publish(file, {make_run("r1")});
  RunStore store = RunStore::open_read_only(file);
  CHECK(storage_error([&] { store.read_run("r2"); }) == file.string() + ": no run 'r2'");
  CHECK(storage_error([&] { store.publish(); }) ==
        file.string() + ": publish: the store is open read-only");
  CHECK_THAT(storage_error([&] { store.write_run(make_run("r3")); }), Contains("read-only"));
  const auto cut = dir.write("cut.h5", test::read_text(file).substr(0, 800)); // killed mid-write
  CHECK_THAT(storage_error([&] { RunStore::open(cut, store_header); }),
             StartsWith(cut.string() + ": cannot open: truncated file") && !Contains("\n"));
}

TEST_CASE("RunStore: a run array that is not as the store writes it is named, on one line",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  write_and_publish(file, {make_run("r1")});
  const auto replace = [&](const std::string& path, const H5::DataType& type,
                           std::vector<hsize_t> dims) {
    H5::H5File h5(file.string(), H5F_ACC_RDWR);
    h5.unlink(path);
    h5.createDataSet(path, type, H5::DataSpace(static_cast<int>(dims.size()), dims.data()));
  };
  const std::string at = file.string() + ": read run 'r1': dataset ";
  const auto read = [&] { RunStore::open_read_only(file).read_run("r1"); };
  SECTION("a series of another rank") {
    replace("/runs/r1/cost_train", H5::PredType::IEEE_F64LE, {4, 1});
    CHECK(storage_error(read) == at + "'cost_train' is not 1-D");
  }
  SECTION("a weight of three dimensions") {
    replace("/runs/r1/weights/W1", H5::PredType::IEEE_F64LE, {2, 2, 2});
    CHECK(storage_error(read) == at + "'W1' is 2 x 2 x 2; expected a 2-D array");
  }
  SECTION("a series of strings") {
    replace("/runs/r1/cost_test", H5::StrType(H5::PredType::C_S1, 8), {4});
    CHECK(storage_error(read) == at + "'cost_test' is not an array of numbers");
  }
  SECTION("a series of integers reads as their values") {
    replace("/runs/r1/accuracy_train", H5::PredType::STD_I16BE, {4});
    const std::int16_t values[4] = {1, -2, 3, 300};
    H5::H5File(file.string(), H5F_ACC_RDWR)
        .openDataSet("/runs/r1/accuracy_train")
        .write(values, H5::PredType::NATIVE_INT16);
    const arma::vec series = RunStore::open_read_only(file).read_run("r1").series.accuracy_train;
    CHECK(arma::approx_equal(series, arma::vec{1, -2, 3, 300}, "absdiff", 0.0));
  }
}
