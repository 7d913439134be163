#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "nnlab/core/hash.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/runner_process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

// Thin networks (the sample-major loops), wide ones (BLAS), relu and a normal init, sgd
// and momentum, on data a plugin makes (no file path in the config, so the run ids and
// their random numbers are the same in every checkout).
const std::string experiment = R"(name: identity
seed: 42
dataset: {plugin: double_spiral, n_points_per_class: 150, noise: 0.2, test_fraction: 0.2, seed: 7}
model: {layers: [3, 2, 1], hidden_activation: tanh, output_activation: sigmoid}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.05}
training: {iterations: 150}
sweep:
  model:
    - {layers: [3, 2, 1]}
    - {layers: [24, 16, 1], hidden_activation: relu}
    - {layers: [40, 1], init: {kind: normal, mean: 0.0, std: 0.5}}
  optimizer: [{plugin: sgd}, {plugin: momentum, momentum: 0.9}]
seeds: [1, 2]
)";

void append_bytes(std::string& out, const double* values, std::size_t n) {
  const std::size_t at = out.size();
  out.resize(at + n * sizeof(double));
  if (n > 0) std::memcpy(out.data() + at, values, n * sizeof(double));
}

// fnv1a64 over every run, by id: its id, then the bytes of each series it stores (in the
// series table's order; series a run does not store add nothing) and of its weights.
std::string fingerprint(const fs::path& store_file) {
  const nnlab::RunStore store = nnlab::RunStore::open_read_only(store_file);
  std::vector<std::string> ids = store.run_ids();
  std::sort(ids.begin(), ids.end());
  std::string bytes;
  for (const std::string& id : ids) {
    const nnlab::RunRecord run = store.read_run(id);
    bytes += id;
    for (const nnlab::SeriesSpec& series : nnlab::stored_series()) {
      const arma::vec& values = run.series.*series.recorded;
      if (values.is_empty()) continue;
      bytes += series.name;
      append_bytes(bytes, values.memptr(), values.n_elem);
    }
    for (const auto& [name, values] : run.weights) {
      bytes += name;
      append_bytes(bytes, values.memptr(), values.n_elem);
    }
  }
  return nnlab::to_hex(nnlab::fnv1a64(bytes)) + " over " + std::to_string(ids.size()) + " runs";
}

} // namespace

TEST_CASE("Engine: float64 runs are bit-identical to the runs before model.precision existed",
          "[runner][engine][float32]") {
  // The value the runner stored before float32 passes existed (the passes became
  // templates on their precision; float64 must compute exactly what it did). Taken again
  // with the paired random streams of store format 2 (issue 18), by the runner of that
  // change alone, before float32 was merged with it: h5diff of the two stores showed every
  // series and weight equal.
  const std::string before = "822039b5d633bf0c over 12 runs";
  nnlab::test::TempDir dir;
  const auto yaml = dir.write("identity.yaml", experiment);
  const auto out = dir.path() / "out";
  const auto plain = nnlab::test::run_runner("'" + yaml.string() + "' --out '" + out.string() +
                                             "' --no-plots --quiet");
  INFO(plain.output);
  REQUIRE(plain.status == 0);
  // The pin is the release build's: a sanitizer build compiles the passes with other
  // optimisations (other contractions and vector widths), so its bits differ from it.
#if defined(__SANITIZE_ADDRESS__)
  const std::string pinned = fingerprint(out / "identity/runs.h5");
#else
  const std::string& pinned = before;
  CHECK(fingerprint(out / "identity/runs.h5") == before);
#endif

  SECTION("and writing the default, model.precision: float64, changes nothing") {
    const auto explicit_out = dir.path() / "explicit";
    const auto written =
        nnlab::test::run_runner("'" + yaml.string() + "' --out '" + explicit_out.string() +
                                "' --no-plots --quiet model.precision=float64");
    INFO(written.output);
    REQUIRE(written.status == 0);
    CHECK(fingerprint(explicit_out / "identity/runs.h5") == pinned);
  }
}
