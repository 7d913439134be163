// Successive halving's rungs: a run paused at a rung keeps its checkpoint and comes back
// pruned with the series and weights of the iterations done; continued from there it ends
// bit-identical to the same run trained straight through.
#include <catch2/catch.hpp>

#include <filesystem>

#include "nnlab/config/sweep.hpp"
#include "nnlab/engine/run_executor.hpp"
#include "nnlab/engine/run_preparer.hpp"
#include "nnlab/train/checkpoint.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plugins.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

struct Prepared {
  std::vector<nnlab::RunSpec> specs;
  std::vector<nnlab::PreparedRun> runs;
};

Prepared prepare(const std::string& optimizer, const std::string& training) {
  const std::string text = "name: x\nseed: 7\ndataset: {plugin: xor, n_samples: 120}\n"
                           "model: {layers: [4, 3, 1]}\nloss: {plugin: binary_cross_entropy}\n"
                           "optimizer: " +
                           optimizer + "\ntraining: " + training + "\n";
  Prepared prepared;
  prepared.specs = nnlab::expand_sweep(
      nnlab::parse_experiment(nnlab::parse_yaml(text, "x.yaml"), "x.yaml", text));
  nnlab::DatasetCache datasets(nnlab::test::registry());
  prepared.runs = nnlab::prepare_runs(prepared.specs, nnlab::test::registry(), datasets);
  return prepared;
}

bool same_bits(const arma::mat& a, const arma::mat& b) {
  return a.n_rows == b.n_rows && a.n_cols == b.n_cols && arma::approx_equal(a, b, "absdiff", 0.0);
}

void require_same_bits(const nnlab::RunRecord& a, const nnlab::RunRecord& b) {
  REQUIRE(a.iterations_done == b.iterations_done);
  for (const nnlab::SeriesSpec& series : nnlab::stored_series()) {
    CAPTURE(series.name);
    CHECK(same_bits(a.series.*series.recorded, b.series.*series.recorded));
  }
  REQUIRE(a.weights.size() == b.weights.size());
  for (std::size_t i = 0; i < a.weights.size(); ++i)
    CHECK(same_bits(a.weights[i].second, b.weights[i].second));
}

nnlab::RunOptions pause_at(const fs::path& dir, arma::uword iteration) {
  nnlab::RunOptions options;
  options.checkpoint_dir = dir;
  options.pause_at = iteration;
  return options;
}

} // namespace

TEST_CASE("RungPause: a run paused at rungs and continued equals the run trained straight "
          "through, bit for bit",
          "[engine][executor][halving]") {
  using Row = std::pair<std::string, std::string>;
  // Full batch with momentum; shuffled mini-batches, an adaptive schedule and a validation
  // split with early stopping watching it (never triggered this early).
  const auto [optimizer, training] = GENERATE(
      Row{"{plugin: momentum, momentum: 0.9, learning_rate: 0.05}", "{iterations: 90}"},
      Row{"{plugin: adam, learning_rate: 0.01}",
          "{iterations: 90, batch_size: 30, validation_fraction: 0.25, lr_schedule: {kind: "
          "adaptive, patience: 2, tol: 0.01}, early_stopping: {patience: 1000}}"});
  CAPTURE(optimizer, training);
  const auto prepared = prepare(optimizer, training);
  const nnlab::PreparedRun& run = prepared.runs[0];
  const nnlab::RunRecord straight = nnlab::execute_run(run);
  REQUIRE(straight.status == nnlab::RunStatus::done);
  REQUIRE(straight.iterations_done == 90);

  const nnlab::test::TempDir dir;
  const fs::path file = nnlab::checkpoint_file(dir.path(), run.spec->id);
  const nnlab::RunRecord first = nnlab::execute_run(run, pause_at(dir.path(), 10));
  CHECK(first.status == nnlab::RunStatus::pruned);
  CHECK(first.iterations_done == 10);
  CHECK(first.message == "at rung 10 of successive halving");
  CHECK(first.evaluation.empty());
  REQUIRE(fs::exists(file));
  CHECK(nnlab::read_checkpoint(file).iteration == 10);
  // Its series are the first 10 of the straight run's.
  CHECK(same_bits(first.series.cost_test, straight.series.cost_test.head(10)));

  const nnlab::RunRecord second = nnlab::execute_run(run, pause_at(dir.path(), 30));
  CHECK(second.status == nnlab::RunStatus::pruned);
  CHECK(second.resumed_from == 10);
  CHECK(second.iterations_done == 30);
  // Asked again for a rung it has reached (its record lost to a kill): the same record.
  const nnlab::RunRecord again = nnlab::execute_run(run, pause_at(dir.path(), 30));
  CHECK(again.status == nnlab::RunStatus::pruned);
  require_same_bits(again, second);

  const nnlab::RunRecord last = nnlab::execute_run(run, pause_at(dir.path(), 0));
  CHECK(last.status == nnlab::RunStatus::done);
  CHECK(last.resumed_from == 30);
  require_same_bits(last, straight);
  CHECK(last.message == straight.message);
  CHECK_FALSE(fs::exists(file)); // a finished run leaves no checkpoint
}

TEST_CASE("RungPause: a rung at or past the last iteration trains the run to its end",
          "[engine][executor][halving]") {
  const auto prepared = prepare("{plugin: sgd, learning_rate: 0.1}", "{iterations: 20}");
  const nnlab::test::TempDir dir;
  const nnlab::RunRecord record = nnlab::execute_run(prepared.runs[0], pause_at(dir.path(), 20));
  CHECK(record.status == nnlab::RunStatus::done);
  CHECK(record.iterations_done == 20);
  CHECK_FALSE(fs::exists(nnlab::checkpoint_file(dir.path(), prepared.specs[0].id)));
}
