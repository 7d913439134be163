#include <catch2/catch.hpp>

#include "nnlab/report/pairing.hpp"
#include "nnlab/report/run_groups.hpp"
#include "nnlab/report/stored_runs.hpp"
#include "support/format1_store.hpp"
#include "support/tiny_store.hpp"

namespace {

nnlab::RunRecord run(std::uint64_t seed, const std::string& fingerprint) {
  nnlab::RunRecord record;
  record.seed = seed;
  record.init_fingerprint = fingerprint;
  return record;
}

const std::string init_a = "00000000000000aa", init_b = "00000000000000bb";

// The runs of a group, as pointers to their records.
std::vector<const nnlab::RunRecord*> records(const std::vector<nnlab::StoredRun>& runs,
                                             const nnlab::RunGroup& group) {
  std::vector<const nnlab::RunRecord*> out;
  for (const std::size_t r : group.runs)
    out.push_back(&runs[r].record);
  return out;
}

} // namespace

TEST_CASE("Pairing: two runs are paired by seed and initial weights, never in format 1",
          "[report][pairing]") {
  using nnlab::run_pairing;
  const auto paired = run_pairing(run(3, init_a), 2, run(3, init_a), 2);
  CHECK(paired.paired);
  CHECK(paired.reason == "paired (seed 3, init 00000000000000aa)");
  const auto seeds = run_pairing(run(1, init_a), 2, run(2, init_a), 2);
  CHECK_FALSE(seeds.paired);
  CHECK(seeds.reason == "not paired (seeds 1 and 2)");
  const auto weights = run_pairing(run(1, init_a), 2, run(1, init_b), 2);
  CHECK_FALSE(weights.paired);
  CHECK(weights.reason ==
        "not paired (initial weights differ: 00000000000000aa and 00000000000000bb)");
  CHECK(run_pairing(run(1, init_a), 2, run(1, ""), 2).reason ==
        "not paired (no init_fingerprint stored)");
  // Format 1 drew the weights from the whole config: not paired, whatever is stored.
  for (const auto& [a, b] : {std::pair{1, 2}, std::pair{2, 1}, std::pair{1, 1}}) {
    const auto old = run_pairing(run(1, init_a), a, run(1, init_a), b);
    CHECK_FALSE(old.paired);
    CHECK(old.reason == "not paired (format 1)");
  }
}

TEST_CASE("Pairing: two groups are paired seed by seed", "[report][pairing]") {
  using nnlab::group_pairing;
  const auto a1 = run(1, init_a), a2 = run(2, init_b), a3 = run(3, init_a);
  const auto b2 = run(2, init_b), b1 = run(1, init_a), b4 = run(4, init_b);
  const auto groups = group_pairing({&a1, &a2, &a3}, 2, {&b2, &b1, &b4}, 2);
  CHECK(groups.paired);
  CHECK(groups.reason == "paired (2 seeds)");
  CHECK(groups.pairs == std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {1, 0}});

  const auto other = run(2, init_a);
  CHECK(group_pairing({&a1, &a2}, 2, {&b1, &other}, 2).reason ==
        "not paired (initial weights differ: 00000000000000bb and 00000000000000aa)");
  CHECK(group_pairing({&a1, &a2}, 2, {&b4}, 2).reason == "not paired (no seed in common)");
  CHECK(group_pairing({&a1, &a1}, 2, {&b1}, 2).reason == "not paired (seed 1 twice in a group)");
  const auto old = group_pairing({&a1}, 1, {&b1}, 2);
  CHECK_FALSE(old.paired);
  CHECK(old.reason == "not paired (format 1)");
  CHECK(old.pairs.empty());
}

TEST_CASE("Pairing: the sweep points of a stored sweep are paired, the same store in format 1 "
          "is not",
          "[report][pairing][runner]") {
  const nnlab::test::TinyStore tiny("pairs", 20);
  for (const bool old : {false, true}) {
    CAPTURE(old);
    if (old) nnlab::test::make_format1(tiny.store);
    const auto experiment = nnlab::load_experiment_store(tiny.store, nnlab::RunParts::overview);
    CHECK(experiment.format_version == (old ? 1 : 2));
    const auto groups = nnlab::group_runs(experiment.runs, tiny.store.string());
    REQUIRE(groups.groups.size() == 4); // 2 optimizers x 2 learning rates, 2 seeds each
    const auto first = records(experiment.runs, groups.groups[0]);
    for (std::size_t g = 1; g < groups.groups.size(); ++g) {
      CAPTURE(groups.groups[g].label);
      const auto pairing = nnlab::group_pairing(first, experiment.format_version,
                                                records(experiment.runs, groups.groups[g]),
                                                experiment.format_version);
      CHECK(pairing.paired == !old);
      CHECK(pairing.reason == (old ? "not paired (format 1)" : "paired (2 seeds)"));
    }
  }
}
