// numpy_legacy's promise, checked against NumPy itself: the course run in nnlab with
// `init: {kind: numpy_legacy}` and seed 42 records the same cost curve as the course
// notebook's own loop (bench/peers/course_numpy.py, run by Debian's python3 + NumPy).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "nnlab/config/overrides.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "support/plugins.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

struct Curves {
  arma::vec train, test;
};

// iteration,cost_train,cost_test lines after a header.
Curves read_curves(const fs::path& file) {
  std::ifstream in(file);
  REQUIRE(in);
  std::string line;
  std::getline(in, line);
  REQUIRE(line == "iteration,cost_train,cost_test");
  std::vector<double> train, test;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string iteration, a, b;
    std::getline(fields, iteration, ',');
    std::getline(fields, a, ',');
    std::getline(fields, b, ',');
    train.push_back(std::stod(a));
    test.push_back(std::stod(b));
  }
  return {arma::vec(train), arma::vec(test)};
}

} // namespace

TEST_CASE("Init: numpy_legacy gives the course notebook's cost curve, NumPy seed 42",
          "[model][init][numpy]") {
  const fs::path root = nnlab::test::source_dir();
  const nnlab::test::TempDir dir;
  const fs::path curves = dir.path() / "notebook.csv";
  const std::string command = std::string("'") + NNLAB_PYTHON3 + "' '" +
                              (root / "bench/peers/course_numpy.py").string() + "' '" +
                              (root / "data/xor_train.csv").string() + "' '" +
                              (root / "data/xor_test.csv").string() + "' '" + curves.string() +
                              "' --seed 42 --iterations 5000 --alpha 0.05";
  INFO("needs Debian's python3-numpy (scripts/install-deps.sh): " << command);
  REQUIRE(std::system(command.c_str()) == 0);
  const Curves notebook = read_curves(curves);
  REQUIRE(notebook.train.n_elem == 5000);

  // experiments/xor.yaml is the course run; only the initialiser changes.
  const auto experiment = nnlab::load_experiment(root / "experiments/xor.yaml",
                                                 {"model.init.kind=numpy_legacy", "seeds=[42]"});
  const auto specs = nnlab::expand_sweep(experiment);
  REQUIRE(specs.size() == 1);
  nnlab::DatasetCache datasets(nnlab::test::registry());
  const auto runs = nnlab::prepare_runs(specs, nnlab::test::registry(), datasets);
  const auto record = nnlab::execute_run(runs[0]);
  REQUIRE(record.series.cost_train.n_elem == 5000);

  // Same draws, same data, same math: only the order of floating-point sums differs, so
  // the curves agree to rounding over all 5000 iterations (measured: ~1e-15 relative).
  const auto worst = [](const arma::vec& a, const arma::vec& b) {
    return arma::max(arma::abs(a - b) / arma::abs(b));
  };
  CHECK(worst(record.series.cost_train, notebook.train) < 1e-10);
  CHECK(worst(record.series.cost_test, notebook.test) < 1e-10);
  CHECK(notebook.train[0] == Approx(0.7213048345833383).epsilon(1e-12));
  // The curve moves far from its start, so agreeing all along it is no accident.
  CHECK(std::abs(notebook.train[4999] - notebook.train[0]) > 0.1);
}
