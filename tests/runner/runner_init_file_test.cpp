#include <catch2/catch.hpp>

#include "nnlab/model/weights_file.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

namespace {

// The course's net trained by sgd from the weights in start.csv (beside the YAML).
std::string from_file(const std::string& name, int iterations, const std::string& init) {
  return nnlab::test::xor_experiment(
      name, "model: {layers: [3, 2, 1], init: " + init +
                "}\noptimizer: {plugin: sgd, learning_rate: 0.1}\ntraining: {iterations: " +
                std::to_string(iterations) + "}\nseeds: [1, 2]\n");
}

nnlab::RunRecord only_run(const fs::path& store, std::size_t i) {
  const auto runs = nnlab::RunStore::open_read_only(store);
  REQUIRE(runs.run_ids().size() == 2);
  return runs.read_run(runs.run_ids().at(i));
}

std::string args(const fs::path& yaml, const fs::path& out) {
  return "'" + yaml.string() + "' --out '" + out.string() + "' --no-plots --quiet";
}

} // namespace

TEST_CASE("Runner: init file: every seed starts alike, and a stored run warm-starts another",
          "[runner][init]") {
  nnlab::test::TempDir dir;
  nnlab::Mlp start(nnlab::Architecture{2, {3, 2, 1}});
  start.params() = arma::linspace(-0.9, 0.9, start.n_params());
  nnlab::save_weights_file(start, dir.path() / "start.csv");

  // 60 iterations in one go; both seeds start from the same weights, so they agree.
  const auto whole =
      dir.write("whole.yaml", from_file("whole", 60, "{kind: file, path: start.csv}"));
  REQUIRE(run_runner(args(whole, dir.path() / "out")).status == 0);
  const auto a = only_run(dir.path() / "out/whole/runs.h5", 0);
  const auto b = only_run(dir.path() / "out/whole/runs.h5", 1);
  CHECK(arma::approx_equal(a.series.cost_train, b.series.cost_train, "absdiff", 0.0));

  // 30 iterations, then 30 more from the stored run's final weights: the same 60.
  const auto first =
      dir.write("first.yaml", from_file("first", 30, "{kind: file, path: start.csv}"));
  REQUIRE(run_runner(args(first, dir.path() / "out")).status == 0);
  const auto half = only_run(dir.path() / "out/first/runs.h5", 0);
  const auto rest =
      dir.write("rest.yaml", from_file("rest", 30,
                                       "{kind: file, path: out/first/runs.h5, group: /runs/" +
                                           half.id + "/weights}"));
  const auto resumed = run_runner(args(rest, dir.path() / "out"));
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  const auto second = only_run(dir.path() / "out/rest/runs.h5", 0);
  CHECK(arma::approx_equal(second.series.cost_train, a.series.cost_train.tail(30), "absdiff", 0.0));
  CHECK(arma::approx_equal(second.weights.at(2).second, a.weights.at(2).second, "absdiff", 0.0));
}

TEST_CASE("Runner: an init file that does not fit the model stops before training, status 2",
          "[runner][init]") {
  nnlab::test::TempDir dir;
  dir.write("w.csv", "W1,1,2,3,4,5,6\nb1,1,2,3\nW2,1,2,3,4\nb2,1,2\nW3,1,2\nb3,1\n");
  const auto yaml = dir.write("bad.yaml", from_file("bad", 10, "{kind: file, path: w.csv}"));
  const auto outcome = run_runner(args(yaml, dir.path() / "out"));
  CHECK(outcome.status == 2);
  CHECK_THAT(outcome.output,
             Contains("bad.yaml:5:53: model.init.path: " + (dir.path() / "w.csv").string() +
                      ":3: W2 has 4 values, the model needs 2 x 3 = 6"));
  CHECK_FALSE(fs::exists(dir.path() / "out/bad/runs.h5"));
}
