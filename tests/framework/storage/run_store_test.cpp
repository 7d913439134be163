#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>

#include <H5Cpp.h>

#include "nnlab/core/error.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/temp_dir.hpp"

namespace {
using namespace nnlab;
using Catch::Matchers::Contains;
using Catch::Matchers::Matches;
using Catch::Matchers::StartsWith;
using Ids = std::vector<std::string>;

const StoreHeader header{"name: xor\nseed: 1\n", "0.1.0", "2024-01-02T03:04:05Z", {}};

// Values chosen to break a store that converts, rounds or reorders: NaN, inf, -0, a
// denormal, and weights named W1, b1, W2 (name order would put b1 last).
RunRecord make_run(const std::string& id, RunStatus status = RunStatus::diverged,
                   arma::uword n = 4) {
  const arma::vec x = arma::linspace(1.0, double(n), n) / 3.0;
  const arma::mat W1{{0.5, -1.25}, {2.0, 3.0}, {-4.0, 1e-300}};
  RunRecord run;
  run.id = id;
  run.index = 7;
  run.seed = 0xFFFF'FFFF'FFFF'FFF1u;
  run.config_yaml = "optimizer: {plugin: sgd}\n";
  run.label = "α=0.05";
  run.status = status;
  run.message = "cost is NaN";
  run.wall_time_s = 0.1 + 0.2;
  run.iterations_done = n;
  run.series = RunSeries{x, x + 0.5, 1.0 - x, -x};
  run.weights = {{"W1", W1}, {"b1", arma::mat{0.1, 0.2, 0.3}.t()}, {"W2", {{7, 8, 9}}}};
  if (n >= 4)
    run.series.cost_train.head(4) = arma::vec{-0.0, 4.9e-324, arma::datum::inf, arma::datum::nan};
  return run;
}

bool same_bits(const arma::mat& a, const arma::mat& b) {
  return a.n_rows == b.n_rows && a.n_cols == b.n_cols &&
         (a.is_empty() || std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0);
}

void check_same(const RunRecord& back, const RunRecord& run) {
  CHECK(back.id == run.id);
  CHECK(back.index == run.index);
  CHECK(back.seed == run.seed);
  CHECK(back.config_yaml == run.config_yaml);
  CHECK(back.label == run.label);
  CHECK(back.status == run.status);
  CHECK(back.message == run.message);
  CHECK(same_bits(arma::mat{back.wall_time_s}, arma::mat{run.wall_time_s}));
  CHECK(back.iterations_done == run.iterations_done);
  CHECK(same_bits(back.series.cost_train, run.series.cost_train));
  CHECK(same_bits(back.series.cost_test, run.series.cost_test));
  CHECK(same_bits(back.series.accuracy_train, run.series.accuracy_train));
  CHECK(same_bits(back.series.accuracy_test, run.series.accuracy_test));
  REQUIRE(back.weights.size() == run.weights.size());
  for (std::size_t i = 0; i < run.weights.size(); ++i) {
    CHECK(back.weights[i].first == run.weights[i].first);
    CHECK(same_bits(back.weights[i].second, run.weights[i].second));
  }
}

/// The message of the StorageError that `action` throws.
template <class Action> std::string storage_error(Action&& action) {
  try {
    action();
  } catch (const StorageError& e) {
    return e.what();
  }
  return "(no StorageError)";
}

} // namespace

TEST_CASE("RunStore: a run written is read back whole", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "results" / "xor" / "runs.h5";
  const RunRecord run = make_run("a1b2");
  RunStore::open(file, header).write_run(run);
  const RunStore store = RunStore::open_read_only(file);
  CHECK(store.header().experiment_yaml == header.experiment_yaml);
  CHECK(store.header().nnlab_version == header.nnlab_version);
  CHECK(store.header().created == header.created);
  CHECK(store.run_ids() == Ids{"a1b2"});
  check_same(store.read_run("a1b2"), run);
}

TEST_CASE("RunStore: weights are row-major {rows, cols} datasets, as h5py shows them",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  const RunRecord run = make_run("r1");
  RunStore::open(file, header).write_run(run);
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
  RunStore::open(file, header).write_run(make_run("r1", RunStatus::failed, 0));
  const StoreHeader edited{"name: xor\nseed: 2\n", "0.2.0", "2031-01-01T00:00:00Z", {}};
  RunStore first = RunStore::open(file, edited);
  RunStore store = std::move(first);
  store.write_run(make_run("r0"));
  RunRecord rerun = make_run("r1", RunStatus::done, 6);
  rerun.label = "second";
  store.write_run(rerun);
  CHECK(store.run_ids() == Ids{"r0", "r1"});
  check_same(store.read_run("r1"), rerun);
  CHECK(store.header().created == header.created);
  CHECK(store.header().experiment_yaml == edited.experiment_yaml);
  CHECK(store.header().nnlab_version == edited.nnlab_version);
  const StoreHeader undated{"name: new\n", "0.1.0", "", {}};
  CHECK_THAT(RunStore::open(dir.path() / "new.h5", undated).header().created,
             Matches(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"));
}

TEST_CASE("RunStore: a failed run is kept, even without iterations, but is not completed",
          "[storage]") {
  const test::TempDir dir;
  RunStore store = RunStore::open(dir.path() / "runs.h5", header);
  const RunRecord failed = make_run("c-failed", RunStatus::failed, 0); // failed before iterating
  store.write_run(failed);
  store.write_run(make_run("a-done", RunStatus::done));
  store.write_run(make_run("b-diverged", RunStatus::diverged));
  CHECK(store.completed_run_ids() == std::set<std::string>{"a-done", "b-diverged"});
  check_same(store.read_run("c-failed"), failed);
}

TEST_CASE("RunStore: leftover .tmp- groups are ignored, then removed by open", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  RunStore::open(file, header).write_run(make_run("r1"));
  H5::H5File(file.string(), H5F_ACC_RDWR).createGroup("/runs/.tmp-r2"); // as a crash leaves it
  CHECK(RunStore::open_read_only(file).run_ids() == Ids{"r1"});
  CHECK(RunStore::open_read_only(file).completed_run_ids() == std::set<std::string>{"r1"});
  RunStore::open(file, header);
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
    const std::int64_t two = 2;
    h5.createAttribute("format_version", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_INT64, &two);
    why = ": written by a newer nnlab (format 2, this one reads 1)";
  }
  const std::string before = test::read_text(file);
  CHECK(storage_error([&] { RunStore::open(file, header); }) == file.string() + why);
  CHECK(storage_error([&] { RunStore::open_read_only(file); }) == file.string() + why);
  CHECK(test::read_text(file) == before);
}

TEST_CASE("RunStore: what is missing or broken is named, on one line", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  CHECK(storage_error([&] { RunStore::open_read_only(file); }) ==
        file.string() + ": cannot open: no such file");
  CHECK_FALSE(std::filesystem::exists(file));
  RunStore::open(file, header).write_run(make_run("r1"));
  RunStore store = RunStore::open_read_only(file);
  CHECK(storage_error([&] { store.read_run("r2"); }) == file.string() + ": no run 'r2'");
  CHECK_THAT(storage_error([&] { store.write_run(make_run("r3")); }), Contains("read-only"));
  const auto cut = dir.write("cut.h5", test::read_text(file).substr(0, 800)); // killed mid-write
  CHECK_THAT(storage_error([&] { RunStore::open(cut, header); }),
             StartsWith(cut.string() + ": cannot open: truncated file") && !Contains("\n"));
}
