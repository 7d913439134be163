#include "framework/storage/store_checks.hpp"

#include <cstring>

namespace nnlab::test {

const StoreHeader store_header{"name: xor\nseed: 1\n", "0.1.0", "2024-01-02T03:04:05Z", {}};

RunRecord make_run(const std::string& id, RunStatus status, arma::uword n) {
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
  run.start_time = "2024-01-02T03:04:05Z";
  run.end_time = "2024-01-02T03:04:06Z";
  run.iterations_done = n;
  run.best_iteration = n / 2;
  run.series = RunSeries{x, x + 0.5, 1.0 - x, -x};
  run.weights = {{"W1", W1}, {"b1", arma::mat{0.1, 0.2, 0.3}.t()}, {"W2", {{7, 8, 9}}}};
  // Not in sorted order, non-ASCII, and an empty name: kept as they are.
  run.class_names = {"virginica", "setosa", "Größe ü", ""};
  run.feature_names = {"sepal length (cm)", "x,2"};
  run.scaler.mean = {-0.0, 1.5};
  run.scaler.scale = {4.9e-324, 0.1 + 0.2};
  // Paths YAML must quote, absolute and relative, and a library of each kind.
  run.inputs = {{"../data/xor train: v2.csv", std::string(64, 'a')},
                {"/abs/Größe #1.h5", std::string(63, '0') + "1"}};
  run.libraries = {{"core", std::string(64, 'c')}, {"optimizer/sgd", std::string(64, 'f')}};
  if (n >= 4)
    run.series.cost_train.head(4) = arma::vec{-0.0, 4.9e-324, arma::datum::inf, arma::datum::nan};
  return run;
}

RunRecord numbered_run(int i, arma::uword n) {
  RunRecord run = make_run("run-" + std::to_string(i), RunStatus::done, n);
  run.index = static_cast<std::size_t>(i);
  run.seed = static_cast<std::uint64_t>(i) * 7919;
  run.label = "run " + std::to_string(i);
  run.series.cost_test += i;
  run.weights[0].second *= i;
  if (i % 2) run.scaler = {}; // a dataset without standardisation stores none
  return run;
}

namespace {

bool same_bits(const arma::mat& a, const arma::mat& b) {
  return a.n_rows == b.n_rows && a.n_cols == b.n_cols &&
         (a.is_empty() || std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0);
}

} // namespace

void check_same_attributes(const RunRecord& back, const RunRecord& run) {
  CHECK(back.id == run.id);
  CHECK(back.index == run.index);
  CHECK(back.seed == run.seed);
  CHECK(back.config_yaml == run.config_yaml);
  CHECK(back.label == run.label);
  CHECK(back.status == run.status);
  CHECK(back.message == run.message);
  CHECK(same_bits(arma::mat{back.wall_time_s}, arma::mat{run.wall_time_s}));
  CHECK(back.start_time == run.start_time);
  CHECK(back.end_time == run.end_time);
  CHECK(back.iterations_done == run.iterations_done);
  CHECK(back.best_iteration == run.best_iteration);
  CHECK(back.restored_iteration == run.restored_iteration);
  CHECK(back.precision == run.precision);
}

void check_same(const RunRecord& back, const RunRecord& run) {
  check_same_attributes(back, run);
  CHECK(same_bits(back.series.cost_train, run.series.cost_train));
  CHECK(same_bits(back.series.cost_test, run.series.cost_test));
  CHECK(same_bits(back.series.accuracy_train, run.series.accuracy_train));
  CHECK(same_bits(back.series.accuracy_test, run.series.accuracy_test));
  REQUIRE(back.weights.size() == run.weights.size());
  for (std::size_t i = 0; i < run.weights.size(); ++i) {
    CHECK(back.weights[i].first == run.weights[i].first);
    CHECK(same_bits(back.weights[i].second, run.weights[i].second));
  }
  CHECK(back.class_names == run.class_names);
  CHECK(back.feature_names == run.feature_names);
  CHECK(same_bits(back.scaler.mean, run.scaler.mean));
  CHECK(same_bits(back.scaler.scale, run.scaler.scale));
  CHECK(back.inputs == run.inputs);
  CHECK(back.libraries == run.libraries);
}

void write_and_publish(const std::filesystem::path& file, const std::vector<RunRecord>& runs) {
  RunStore store = RunStore::open(file, store_header);
  for (const RunRecord& run : runs)
    store.write_run(run);
  store.publish();
}

} // namespace nnlab::test
