#include <catch2/catch.hpp>

#include <set>
#include <string>

#include <H5Cpp.h>

#include "nnlab/core/error.hpp"
#include "nnlab/storage/run_store.hpp"
#include "nnlab/train/monitor.hpp"
#include "nnlab/train/series.hpp"
#include "nnlab/train/series_recorder.hpp"
#include "support/temp_dir.hpp"

// The table of stored series is the one place a series is named: everything that lists,
// records, stores, monitors or parses series follows it, row for row.

namespace {

// An iteration whose every series has its own value: 10 * (row + 1) + iteration.
nnlab::IterationStats distinct_stats(arma::uword iteration) {
  nnlab::IterationStats stats;
  stats.iteration = iteration;
  double value = 10.0;
  for (const auto& row : nnlab::stored_series()) {
    stats.*row.measured = value + static_cast<double>(iteration);
    value += 10.0;
  }
  return stats;
}

} // namespace

TEST_CASE("Series: names, titles and lookups come from the one table", "[train][series]") {
  const auto& names = nnlab::series_names();
  REQUIRE(names.size() == std::size(nnlab::stored_series()));
  CHECK(names == std::vector<std::string>{"cost_train", "cost_test", "accuracy_train",
                                          "accuracy_test", "cost_valid", "accuracy_valid"});
  CHECK(std::set<std::string>(names.begin(), names.end()).size() == names.size());
  for (const auto& row : nnlab::stored_series()) {
    CAPTURE(row.name);
    CHECK(&nnlab::series_named(row.name) == &row);
    CHECK(nnlab::find_series(row.name) == &row);
    // costs are lower-is-better, accuracies are not
    CHECK(row.lower_is_better == std::string(row.name).starts_with("cost"));
  }
  CHECK(nnlab::find_series("cost") == nullptr);
  CHECK(nnlab::series_title("cost_test") == "test cost");
  CHECK(nnlab::series_title("accuracy_train") == "train accuracy");
  CHECK(nnlab::series_named("cost_valid").validation);
  CHECK_FALSE(nnlab::series_named("cost_test").validation);
  CHECK_THROWS_WITH(nnlab::series_named("cost_val"),
                    "metric 'cost_val': unknown; known: cost_train, cost_test, "
                    "accuracy_train, accuracy_test, cost_valid, accuracy_valid");
  CHECK_THROWS_AS(nnlab::series_named("cost_val"), nnlab::ConfigError);
}

TEST_CASE("Series: the recorder keeps every row's measured value, in its own series",
          "[train][series]") {
  // A run with a validation set records every row.
  nnlab::SeriesRecorder recorder(5, true);
  for (arma::uword i = 1; i <= 3; ++i)
    recorder.on_iteration(distinct_stats(i));
  const nnlab::RunSeries so_far = recorder.recorded();
  nnlab::SeriesRecorder resumed(5, true);
  resumed.restore(so_far);
  resumed.on_iteration(distinct_stats(4));
  const nnlab::RunSeries series = resumed.take();
  double first = 10.0;
  for (const auto& row : nnlab::stored_series()) {
    CAPTURE(row.name);
    const arma::vec& values = series.*row.recorded;
    REQUIRE(values.n_elem == 4);
    for (arma::uword i = 0; i < 4; ++i)
      CHECK(values[i] == first + static_cast<double>(i + 1));
    first += 10.0;
  }
  // One without records the validation rows as empty, and refuses a prefix that has them.
  nnlab::SeriesRecorder plain(5);
  plain.on_iteration(distinct_stats(1));
  const nnlab::RunSeries without = plain.take();
  CHECK(without.cost_train.n_elem == 1);
  CHECK(without.cost_valid.is_empty());
  CHECK(without.accuracy_valid.is_empty());
  nnlab::SeriesRecorder other(5);
  CHECK_THROWS_AS(other.restore(so_far), std::invalid_argument);
}

TEST_CASE("Series: monitors are the monitorable rows, improving in the row's direction",
          "[train][series]") {
  std::vector<std::string> monitorable;
  for (const auto& row : nnlab::stored_series())
    if (row.monitorable) monitorable.emplace_back(row.name);
  CHECK(nnlab::monitor_names() == monitorable);
  const nnlab::IterationStats stats = distinct_stats(1);
  for (const auto& name : monitorable) {
    CAPTURE(name);
    const auto monitor = nnlab::monitor_from(name);
    REQUIRE(monitor.has_value());
    CHECK(nnlab::to_string(*monitor) == name);
    const nnlab::SeriesSpec& row = nnlab::series_named(name);
    CHECK(nnlab::monitored_value(*monitor, stats) == stats.*row.measured);
    // from 1.0 to 0.5: better for a cost, worse for an accuracy
    CHECK((nnlab::improvement(*monitor, 1.0, 0.5) > 0) == row.lower_is_better);
  }
  CHECK_FALSE(nnlab::monitor_from("cost_val").has_value());
  CHECK_THROWS_AS(nnlab::Monitor("cost_val"), std::invalid_argument);
}

TEST_CASE("Series: the store writes and reads every row as a dataset of its name",
          "[train][series]") {
  const nnlab::test::TempDir dir;
  const auto file = dir.path() / "runs.h5";
  nnlab::RunRecord run;
  run.id = "0123456789abcdef";
  nnlab::SeriesRecorder recorder(2, true);
  recorder.on_iteration(distinct_stats(1));
  recorder.on_iteration(distinct_stats(2));
  run.series = recorder.take();
  run.iterations_done = 2;
  {
    nnlab::RunStore store = nnlab::RunStore::open(file, {"name: x\n", "test", "", {}});
    store.write_run(run);
    store.publish();
  }
  const nnlab::RunRecord back = nnlab::RunStore::open_read_only(file).read_run(run.id);
  H5::H5File h5(file.string(), H5F_ACC_RDONLY);
  const H5::Group group = h5.openGroup("runs/" + run.id);
  for (const auto& row : nnlab::stored_series()) {
    CAPTURE(row.name);
    CHECK(group.nameExists(row.name));
    CHECK(arma::approx_equal(back.series.*row.recorded, run.series.*row.recorded, "absdiff", 0.0));
  }
}
