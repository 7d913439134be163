#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <H5Cpp.h>

#include "framework/storage/store_checks.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/temp_dir.hpp"

// The optional groups of a run: snapshots/ and evaluation/ (README "The store").

namespace {
using namespace nnlab;
using namespace nnlab::test;
using Catch::Matchers::Contains;

/// make_run's weights (W1 3x2, b1 3x1, W2 1x3: 12 parameters) at iterations 0, 5, 40:
/// every value distinct, so a transposed or shifted read shows.
RunSnapshots three_snapshots() {
  RunSnapshots taken;
  taken.iterations = {0, 5, 40};
  taken.params = arma::reshape(arma::regspace(1.0, 36.0), 12, 3) / 8.0;
  return taken;
}

Evaluation binary_evaluation() {
  SplitEvaluation test;
  test.split = "test";
  test.confusion = {{5, 1}, {2, 7}};
  test.support = {6, 9};
  test.precision = {5.0 / 7, 7.0 / 8};
  test.recall = {5.0 / 6, 7.0 / 9};
  test.f1 = {0.76923076923076927, 0.82352941176470584};
  test.accuracy = 12.0 / 15;
  test.f1_score = test.f1[1];
  test.roc = {{0, 0}, {0, 0.5}, {1.0 / 6, 1}, {1, 1}};
  test.pr = {{0.5, 1}, {1, 0.9}};
  test.roc_auc = 0.9351851851851852;
  test.average_precision = 0.95;
  SplitEvaluation valid = test;
  valid.split = "valid";
  valid.confusion = {{3, 0}, {0, 4}};
  valid.roc.reset(); // one class missing: no curves, no AUC
  valid.pr.reset();
  valid.roc_auc = arma::datum::nan;
  valid.average_precision = arma::datum::nan;
  Evaluation evaluation{{test, valid}, {}};
  evaluation.finals = {{"cost_train", 0.25},     {"cost_test", 0.5},     {"accuracy_train", 0.75},
                       {"accuracy_test", 0.875}, {"cost_valid", 0.0625}, {"accuracy_valid", 1.0}};
  return evaluation;
}

bool same(const arma::mat& a, const arma::mat& b) {
  return arma::size(a) == arma::size(b) && arma::approx_equal(a, b, "absdiff", 0.0);
}

} // namespace

TEST_CASE("RunStore: a run's snapshots and evaluation are read back whole", "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  RunRecord run = make_run("r1", RunStatus::done);
  run.snapshots = three_snapshots();
  run.evaluation = binary_evaluation();
  write_and_publish(file, {run, make_run("r2", RunStatus::done)});
  const RunStore store = RunStore::open_read_only(file);
  const RunRecord back = store.read_run("r1");
  check_same(back, run);
  CHECK(back.snapshots.iterations == run.snapshots.iterations);
  CHECK(same(back.snapshots.params, run.snapshots.params));
  REQUIRE(back.evaluation.splits.size() == 2);
  for (std::size_t s = 0; s < 2; ++s) {
    const SplitEvaluation& got = back.evaluation.splits[s];
    const SplitEvaluation& put = run.evaluation.splits[s];
    CAPTURE(put.split);
    CHECK(got.split == put.split);
    CHECK(arma::approx_equal(got.confusion, put.confusion, "absdiff", 0));
    CHECK(arma::approx_equal(got.support, put.support, "absdiff", 0));
    CHECK(same(got.precision, put.precision));
    CHECK(same(got.recall, put.recall));
    CHECK(same(got.f1, put.f1));
    CHECK(got.accuracy == put.accuracy);
    CHECK(got.f1_score == put.f1_score);
    CHECK(same(got.roc, put.roc));
    CHECK(same(got.pr, put.pr));
    CHECK((got.roc_auc == put.roc_auc || (std::isnan(got.roc_auc) && std::isnan(put.roc_auc))));
    CHECK((got.average_precision == put.average_precision ||
           (std::isnan(got.average_precision) && std::isnan(put.average_precision))));
  }
  CHECK(back.evaluation.finals == run.evaluation.finals);
  CHECK(back.evaluation.final_value("cost_valid") == 0.0625);
  CHECK(std::isnan(back.evaluation.final_value("cost_other")));
  // A run without them has neither group, and reads them as empty.
  const RunRecord plain = store.read_run("r2");
  CHECK(plain.snapshots.empty());
  CHECK(plain.evaluation.empty());
  const H5::H5File h5(file.string(), H5F_ACC_RDONLY);
  CHECK_FALSE(h5.nameExists("/runs/r2/snapshots"));
  CHECK_FALSE(h5.nameExists("/runs/r2/evaluation"));
}

TEST_CASE("RunStore: snapshot j of W1 is W1 after iteration j's updates, as h5py shows it",
          "[storage]") {
  const test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  RunRecord run = make_run("r1", RunStatus::done);
  run.snapshots = three_snapshots();
  run.evaluation = binary_evaluation();
  write_and_publish(file, {run});
  const H5::H5File h5(file.string(), H5F_ACC_RDONLY);

  const H5::DataSet iteration = h5.openDataSet("/runs/r1/snapshots/iteration");
  hsize_t k = 0;
  iteration.getSpace().getSimpleExtentDims(&k);
  REQUIRE(k == 3);
  std::vector<std::uint64_t> iterations(3);
  iteration.read(iterations.data(), H5::PredType::NATIVE_UINT64);
  CHECK(iterations == std::vector<std::uint64_t>{0, 5, 40});

  // W1 is the first 6 parameters, column-major; snapshots/W1 is [3][3][2], row-major.
  const H5::DataSet W1 = h5.openDataSet("/runs/r1/snapshots/W1");
  std::vector<hsize_t> dims(3);
  REQUIRE(W1.getSpace().getSimpleExtentNdims() == 3);
  W1.getSpace().getSimpleExtentDims(dims.data());
  REQUIRE(dims == std::vector<hsize_t>{3, 3, 2});
  double raw[3][3][2];
  W1.read(raw, H5::PredType::NATIVE_DOUBLE);
  for (arma::uword j = 0; j < 3; ++j)
    for (arma::uword r = 0; r < 3; ++r)
      for (arma::uword c = 0; c < 2; ++c)
        CHECK(raw[j][r][c] == run.snapshots.params(c * 3 + r, j));
  const H5::DataSet W2 = h5.openDataSet("/runs/r1/snapshots/W2"); // after W1 (6) and b1 (3)
  W2.getSpace().getSimpleExtentDims(dims.data());
  CHECK(dims == std::vector<hsize_t>{3, 1, 3});

  // The evaluation: confusion [true][predicted] as uint64, the headline numbers attributes.
  const H5::DataSet confusion = h5.openDataSet("/runs/r1/evaluation/test/confusion");
  std::uint64_t counts[2][2];
  confusion.read(counts, H5::PredType::NATIVE_UINT64);
  CHECK(counts[0][1] == 1); // one of class 0 predicted 1
  CHECK(counts[1][0] == 2);
  const H5::Group test = h5.openGroup("/runs/r1/evaluation/test");
  double auc = 0;
  test.openAttribute("roc_auc").read(H5::PredType::NATIVE_DOUBLE, &auc);
  CHECK(auc == run.evaluation.splits[0].roc_auc);
  const H5::Group valid = h5.openGroup("/runs/r1/evaluation/valid");
  CHECK_FALSE(valid.attrExists("roc_auc")); // undefined: absent, not NaN
  CHECK_FALSE(valid.nameExists("roc"));
  CHECK(valid.attrExists("f1"));
  // The stored network's final values: attributes of evaluation/, named as the series.
  const H5::Group all = h5.openGroup("/runs/r1/evaluation");
  double cost_test = 0;
  all.openAttribute("cost_test").read(H5::PredType::NATIVE_DOUBLE, &cost_test);
  CHECK(cost_test == 0.5);
  CHECK(all.getNumAttrs() == 6);
}

TEST_CASE("RunStore: snapshots that do not fit the run's weights are refused, naming both",
          "[storage]") {
  const test::TempDir dir;
  RunRecord run = make_run("r1", RunStatus::done);
  run.snapshots = three_snapshots();
  run.snapshots.params.shed_row(0); // 11 values for 12 parameters
  auto store = RunStore::open(dir.path() / "runs.h5", store_header);
  CHECK_THAT(storage_error([&] { store.write_run(run); }),
             Contains("snapshots of 11 x 3 values for weights of 12"));
}
