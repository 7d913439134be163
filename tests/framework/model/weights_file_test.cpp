#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <H5Cpp.h>

#include "nnlab/core/error.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/model/weights_file.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using nnlab::Activation;

namespace {

// The course's 2-3-2-1 net.
nnlab::Architecture course_net() {
  return {2, {3, 2, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)};
}

// Every parameter different, so a value in the wrong place shows.
void fill_distinct(nnlab::Mlp& mlp) {
  nnlab::Rng rng(11);
  nnlab::initialize(mlp, {nnlab::InitSpec::Kind::normal, 0.0, 1.0, 0.0, 1.0}, rng);
}

// The course's arrays as Python writes them: W1 is (3, 2) row by row, b1 (3, 1), ...
const char* course_csv = "# written by hand\n"
                         "W1, 1, 2, 3, 4, 5, 6\n"
                         "b1,7,8,9\n"
                         "\n"
                         "W2,10,11,12,13,14,15\n"
                         "b2,16,17\n"
                         "W3,18,19\n"
                         "b3,20\n";

// A root-level HDF5 dataset of the given shape, as h5py writes one.
void write_dataset(const H5::H5File& h5, const char* name, std::vector<hsize_t> dims) {
  std::vector<double> values(1, 0.5);
  for (const hsize_t d : dims)
    values.resize(values.size() * d, 0.5);
  const H5::DataSet set = h5.createDataSet(
      name, H5::PredType::IEEE_F64LE, H5::DataSpace(static_cast<int>(dims.size()), dims.data()));
  set.write(values.data(), H5::PredType::NATIVE_DOUBLE);
}

} // namespace

TEST_CASE("WeightsFile: HDF5 and CSV round trips give the same bits", "[model][init][weights]") {
  nnlab::test::TempDir dir;
  nnlab::Mlp saved(course_net());
  fill_distinct(saved);
  const auto file = dir.path() / GENERATE(as<std::string>(), "w.h5", "w.hdf5", "w.csv");
  CAPTURE(file);
  nnlab::save_weights_file(saved, file);
  nnlab::Mlp loaded(course_net());
  nnlab::load_weights_file(loaded, file);
  CHECK(arma::approx_equal(saved.params(), loaded.params(), "absdiff", 0.0));
}

TEST_CASE("WeightsFile: CSV lines are name then values row by row, as NumPy's ravel()",
          "[model][init][weights]") {
  nnlab::test::TempDir dir;
  nnlab::Mlp mlp(course_net());
  nnlab::load_weights_file(mlp, dir.write("w.csv", course_csv));
  const arma::mat& W1 = mlp.layer(1).W();
  CHECK(W1(0, 0) == 1.0);
  CHECK(W1(0, 1) == 2.0);
  CHECK(W1(1, 0) == 3.0);
  CHECK(W1(2, 1) == 6.0);
  CHECK(mlp.layer(1).b()(2) == 9.0);
  CHECK(mlp.layer(2).W()(1, 2) == 15.0);
  CHECK(mlp.layer(3).W()(0, 1) == 19.0);
  CHECK(mlp.layer(3).b()(0) == 20.0);
}

TEST_CASE("WeightsFile: HDF5 reads 1-D biases and a store's weights group",
          "[model][init][weights]") {
  nnlab::test::TempDir dir;
  nnlab::Mlp saved(course_net());
  fill_distinct(saved);
  const auto file = dir.path() / "store.h5";
  {
    H5::H5File h5(file.string(), H5F_ACC_TRUNC);
    const H5::Group weights = h5.createGroup("runs").createGroup("abc").createGroup("weights");
    for (const auto& [name, values] : saved.named_weights()) {
      const arma::mat by_rows = values.t();
      const bool bias = name[0] == 'b';
      const hsize_t dims[2] = {values.n_rows, values.n_cols};
      weights.createDataSet(name, H5::PredType::IEEE_F64LE, H5::DataSpace(bias ? 1 : 2, dims))
          .write(by_rows.memptr(), H5::PredType::NATIVE_DOUBLE);
    }
  }
  nnlab::Mlp loaded(course_net());
  nnlab::load_weights_file(loaded, file, "/runs/abc/weights");
  CHECK(arma::approx_equal(saved.params(), loaded.params(), "absdiff", 0.0));
  CHECK_THROWS_WITH(nnlab::load_weights_file(loaded, file, "/runs/xyz/weights"),
                    Equals(file.string() + ": no group /runs/xyz/weights"));
  CHECK_THROWS_WITH(nnlab::load_weights_file(loaded, file),
                    Equals(file.string() + ": no dataset /W1; the model has 3 layers: W1, b1, "
                                           "..., W3, b3"));
}

TEST_CASE("WeightsFile: a shape that does not fit names the array and both shapes",
          "[model][init][weights]") {
  nnlab::test::TempDir dir;
  nnlab::Mlp mlp(course_net());
  const nnlab::Mlp untouched(course_net());
  const auto file = dir.path() / "w.h5";
  {
    H5::H5File h5(file.string(), H5F_ACC_TRUNC);
    write_dataset(h5, "W1", {3, 2});
    write_dataset(h5, "b1", {3});
    write_dataset(h5, "W2", {2, 4});
    write_dataset(h5, "b2", {2, 1});
    write_dataset(h5, "W3", {1, 2});
    write_dataset(h5, "b3", {1});
  }
  CHECK_THROWS_AS(nnlab::load_weights_file(mlp, file), nnlab::DataError);
  CHECK_THROWS_WITH(nnlab::load_weights_file(mlp, file),
                    Equals(file.string() + ": /W2 is 2 x 4, the model needs 2 x 3"));
  CHECK(arma::approx_equal(mlp.params(), untouched.params(), "absdiff", 0.0)); // unchanged

  std::string csv = course_csv;
  csv.replace(csv.find("W2,10,11,"), 9, "W2,10,");
  CHECK_THROWS_WITH(nnlab::load_weights_file(mlp, dir.write("short.csv", csv)),
                    Equals((dir.path() / "short.csv").string() +
                           ":5: W2 has 5 values, the model needs 2 x 3 = 6"));
}

TEST_CASE("WeightsFile: missing, extra, repeated and bad entries are one-line errors",
          "[model][init][weights]") {
  nnlab::test::TempDir dir;
  nnlab::Mlp mlp(course_net());
  const auto load = [&](const std::string& name, const std::string& text) {
    nnlab::load_weights_file(mlp, dir.write(name, text));
  };
  const std::string base = course_csv;
  const std::string at = dir.path().string() + "/";
  CHECK_THROWS_WITH(load("a.csv", base.substr(0, base.find("b3"))),
                    Equals(at + "a.csv: no line for b3; the model has 3 layers: W1, b1, ..., W3, "
                                "b3"));
  CHECK_THROWS_WITH(load("b.csv", base + "W4,1\n"),
                    Equals(at + "b.csv:9: W4: the model has 3 layers: W1, b1, ..., W3, b3"));
  CHECK_THROWS_WITH(load("c.csv", base + "b1,1,2,3\n"),
                    Equals(at + "c.csv:9: b1 appears twice (first on line 3)"));
  CHECK_THROWS_WITH(load("d.csv", "w1,1\n"), Contains("d.csv:1: expected a line 'W<layer>,"));
  CHECK_THROWS_WITH(load("e.csv", "W1,1,x,3\n"),
                    Equals(at + "e.csv:1: W1: value 2: expected a finite number, got 'x'"));
  CHECK_THROWS_WITH(load("f.csv", "W1,1,nan\n"), Contains("f.csv:1: W1: value 2"));
  CHECK_THROWS_WITH(nnlab::load_weights_file(mlp, dir.path() / "none.csv"),
                    Equals(at + "none.csv: cannot read: No such file or directory"));
  CHECK_THROWS_WITH(nnlab::load_weights_file(mlp, dir.path() / "none.h5"),
                    Equals(at + "none.h5: no such file"));
  CHECK_THROWS_WITH(load("text.h5", "not HDF5"), StartsWith(at + "text.h5: cannot open as HDF5: "));
  CHECK_THROWS_WITH(nnlab::load_weights_file(mlp, dir.path() / "w.txt"),
                    Equals(at + "w.txt: expected an HDF5 (.h5, .hdf5) or CSV (.csv) file"));
}

TEST_CASE("WeightsFile: HDF5 arrays may be integers of any width, and other datasets are named",
          "[model][init][weights]") {
  nnlab::test::TempDir dir;
  nnlab::Mlp mlp(course_net());
  const auto file = dir.path() / "w.h5";
  const auto write = [&](const char* replaced, const std::function<void(const H5::H5File&)>& put) {
    H5::H5File h5(file.string(), H5F_ACC_TRUNC);
    for (const auto& [name, dims] : std::vector<std::pair<const char*, std::vector<hsize_t>>>{
             {"W1", {3, 2}}, {"b1", {3}}, {"W2", {2, 3}}, {"b2", {2}}, {"W3", {1, 2}}, {"b3", {1}}})
      if (std::string(name) != replaced) write_dataset(h5, name, dims);
    put(h5);
  };
  SECTION("big-endian 32-bit integers, and unsigned bytes, read as their values") {
    write("W1", [](const H5::H5File& h5) {
      const std::int32_t values[6] = {1, -2, 3, -4, 5, -6};
      const hsize_t dims[2] = {3, 2};
      h5.createDataSet("W1", H5::PredType::STD_I32BE, H5::DataSpace(2, dims))
          .write(values, H5::PredType::NATIVE_INT32);
    });
    nnlab::load_weights_file(mlp, file);
    CHECK(mlp.layer(1).W()(0, 1) == -2.0);
    CHECK(mlp.layer(1).W()(2, 1) == -6.0);
    write("b1", [](const H5::H5File& h5) {
      const std::uint8_t values[3] = {7, 8, 255};
      const hsize_t dims[1] = {3};
      h5.createDataSet("b1", H5::PredType::STD_U8LE, H5::DataSpace(1, dims))
          .write(values, H5::PredType::NATIVE_UINT8);
    });
    nnlab::load_weights_file(mlp, file);
    CHECK(mlp.layer(1).b()(2) == 255.0);
  }
  SECTION("a 3-D array, a scalar, strings and a NaN are refused, naming the dataset") {
    std::string why;
    const auto bad = [&](const char* name, const std::function<void(const H5::H5File&)>& put) {
      write(name, put);
      try {
        nnlab::load_weights_file(mlp, file);
      } catch (const nnlab::DataError& e) {
        return std::string(e.what());
      }
      return std::string("(no DataError)");
    };
    CHECK(bad("W2", [](const H5::H5File& h5) {
            write_dataset(h5, "W2", {2, 3, 1});
          }) == file.string() + ": /W2 is 2 x 3 x 1; expected a 2-D array (a bias may be 1-D)");
    CHECK(bad("b2", [](const H5::H5File& h5) {
            const double value = 0.5;
            h5.createDataSet("b2", H5::PredType::IEEE_F64LE, H5::DataSpace(H5S_SCALAR))
                .write(&value, H5::PredType::NATIVE_DOUBLE);
          }) == file.string() + ": /b2 is a scalar; expected a 2-D array (a bias may be 1-D)");
    CHECK(bad("b3", [](const H5::H5File& h5) {
            H5::StrType type(H5::PredType::C_S1, 4);
            const hsize_t dims[1] = {1};
            h5.createDataSet("b3", type, H5::DataSpace(1, dims)).write("abc", type);
          }) == file.string() + ": /b3 is not an array of numbers");
    CHECK(bad("b1", [](const H5::H5File& h5) {
            const double values[3] = {1.0, std::nan(""), 3.0};
            const hsize_t dims[1] = {3};
            h5.createDataSet("b1", H5::PredType::IEEE_F64LE, H5::DataSpace(1, dims))
                .write(values, H5::PredType::NATIVE_DOUBLE);
          }) == file.string() + ": /b1 holds a value that is not finite");
  }
  SECTION("a dataset claiming more values than the file holds is refused before allocating") {
    // As a damaged file found by fuzzing did: 2^41 x 3 values declared, never written.
    write("W1", [](const H5::H5File& h5) {
      const hsize_t dims[2] = {3, hsize_t{1} << 41};
      h5.createDataSet("W1", H5::PredType::IEEE_F64LE, H5::DataSpace(2, dims));
    });
    std::string error = "(no DataError)";
    try {
      nnlab::load_weights_file(mlp, file);
    } catch (const nnlab::DataError& e) {
      error = e.what();
    }
    CHECK_THAT(error, StartsWith(file.string() +
                                 ": /W1 claims 6597069766656 values, more than a file of ") &&
                          EndsWith(" bytes can hold"));
  }
}
