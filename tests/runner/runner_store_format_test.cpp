// Store format 2 as a user meets it: runs carry their init_fingerprint, `runner diff` says
// whether two runs are paired, and a store of format 1 stays readable but is never written.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

#include "nnlab/core/error.hpp"
#include "nnlab/storage/run_store.hpp"
#include "support/format1_store.hpp"
#include "support/runner_process.hpp"
#include "support/tiny_store.hpp"

using Catch::Matchers::Contains;
using nnlab::test::run_runner;
namespace fs = std::filesystem;

namespace {

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The ids of two runs of different sweep points: the first of seed_a, then the first of
// seed_b with another label.
std::pair<std::string, std::string> two_runs(const nnlab::RunStore& store, std::uint64_t seed_a,
                                             std::uint64_t seed_b) {
  std::string id_a, label_a, id_b;
  for (const auto& id : store.run_ids()) {
    const nnlab::RunRecord run = store.read_run(id);
    if (id_a.empty() && run.seed == seed_a) {
      id_a = id;
      label_a = run.label;
    }
  }
  for (const auto& id : store.run_ids()) {
    const nnlab::RunRecord run = store.read_run(id);
    if (id_b.empty() && run.seed == seed_b && run.label != label_a) id_b = id;
  }
  REQUIRE(!id_a.empty());
  REQUIRE(!id_b.empty());
  return {id_a, id_b};
}

} // namespace

TEST_CASE("RunnerStoreFormat: format 2 stores fingerprints, diff says paired or not",
          "[runner][pairing]") {
  const nnlab::test::TinyStore tiny("fmt", 20);
  std::string fingerprint;
  std::pair<std::string, std::string> seed1, other_seed;
  {
    const nnlab::RunStore store = nnlab::RunStore::open_read_only(tiny.store);
    CHECK(store.format_version() == 2);
    const std::regex hex16("[0-9a-f]{16}");
    for (const auto& id : store.run_ids()) {
      const nnlab::RunRecord run = store.read_run(id);
      CAPTURE(id, run.label, run.seed);
      CHECK(std::regex_match(run.init_fingerprint, hex16));
      CHECK_FALSE(run.restored_iteration.has_value()); // no early stopping
      CHECK(run.series.cost_valid.is_empty());         // no validation set
    }
    seed1 = two_runs(store, 1, 1);
    other_seed = two_runs(store, 1, 2);
    fingerprint = store.read_run(seed1.first).init_fingerprint;
  }
  const std::string s = tiny.store.string() + ":";
  const auto paired = run_runner("diff " + s + seed1.first + " " + s + seed1.second);
  INFO(paired.output);
  CHECK(paired.status == 1); // the results differ
  CHECK_THAT(paired.output, Contains("pairing: paired (seed 1, init " + fingerprint + ")\n"));
  const auto seeds = run_runner("diff " + s + other_seed.first + " " + s + other_seed.second);
  CHECK_THAT(seeds.output, Contains("pairing: not paired (seeds 1 and 2)\n"));

  // The same store as nnlab before paired runs wrote it.
  nnlab::test::make_format1(tiny.store);
  const auto old = run_runner("diff " + s + seed1.first + " " + s + seed1.second);
  INFO(old.output);
  CHECK(old.status == 1);
  CHECK_THAT(old.output, Contains("pairing: not paired (format 1)\n"));
  // --stats pairs by seed only runs that started from the same weights: never in format 1
  const auto stats = run_runner("compare " + tiny.store.string() + " --stats --out " +
                                (tiny.dir.path() / "stats1").string());
  INFO(stats.output);
  CHECK(stats.status == 0);
  CHECK_THAT(stats.output, Contains("seed 1: not paired (format 1)"));
  CHECK_THAT(bytes_of(tiny.dir.path() / "stats1" / "stats.csv"), !Contains(",true,"));

  // It is read (plot, compare, diff) but never written to: a rerun into its folder stops
  // before training anything and leaves it as it was.
  const std::string before = bytes_of(tiny.store);
  const auto rerun = run_runner((tiny.dir.path() / "fmt.yaml").string() + " --out " +
                                (tiny.dir.path() / "results").string() + " --no-plots --quiet");
  INFO(rerun.output);
  CHECK(rerun.status == 2);
  CHECK_THAT(rerun.output, Contains(tiny.store.string() + ": holds runs of store format 1") &&
                               Contains("move it aside (mv " + tiny.store.string()));
  CHECK(bytes_of(tiny.store) == before);
  nnlab::StoreHeader header;
  header.experiment_yaml = "name: fmt\n";
  CHECK_THROWS_WITH(nnlab::RunStore::open(tiny.store, header),
                    Contains("holds runs of store format 1") &&
                        Contains("new runs are never added to it"));
  CHECK(bytes_of(tiny.store) == before);

  // compare reads it, and notes that its runs are not paired.
  const nnlab::test::TinyStore fresh("fmt_new", 20);
  const auto compared =
      run_runner("compare " + tiny.store.string() + " " + fresh.store.string() + " --table");
  INFO(compared.output);
  CHECK(compared.status == 0);
  CHECK_THAT(compared.output,
             Contains("runner: note: " + tiny.store.string() + ": runs not paired (format 1)"));
  CHECK_THAT(compared.output, !Contains(fresh.store.string() + ": runs not paired"));
}
