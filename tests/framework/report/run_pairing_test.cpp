#include <catch2/catch.hpp>

#include "nnlab/report/run_pairing.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace {

std::vector<nnlab::StoredRun> runs_with_seeds(const std::vector<std::uint64_t>& seeds) {
  std::vector<nnlab::StoredRun> runs;
  for (const std::uint64_t seed : seeds) {
    nnlab::RunRecord record;
    record.seed = seed;
    record.init_fingerprint = "0000000000000" + std::to_string(100 + seed);
    runs.emplace_back(std::move(record), nnlab::parse_yaml("{}", "test"));
  }
  return runs;
}

std::vector<const nnlab::StoredRun*> pointers(const std::vector<nnlab::StoredRun>& runs) {
  std::vector<const nnlab::StoredRun*> out;
  for (const auto& run : runs)
    out.push_back(&run);
  return out;
}

} // namespace

TEST_CASE("RunPairing: runs pair by seed, in ascending seed order", "[report][pairing]") {
  const auto group = runs_with_seeds({3, 1, 2}), baseline = runs_with_seeds({1, 2, 3});
  const auto pairing = nnlab::pair_runs(pointers(group), pointers(baseline));
  CHECK(pairing.paired);
  using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;
  CHECK(pairing.pairs == Pairs{{1, 0}, {2, 1}, {0, 2}});
  CHECK(pairing.why_not.empty());
}

TEST_CASE("RunPairing: other seeds or a repeated seed leave the groups unpaired, saying why",
          "[report][pairing]") {
  const auto baseline = runs_with_seeds({1, 2, 3});
  const auto other = nnlab::pair_runs(pointers(runs_with_seeds({4, 5, 6})), pointers(baseline));
  CHECK_FALSE(other.paired);
  CHECK(other.pairs.empty());
  CHECK(other.why_not == "seeds differ: 4 5 6 against 1 2 3");
  const auto fewer = nnlab::pair_runs(pointers(runs_with_seeds({1, 2})), pointers(baseline));
  CHECK(fewer.why_not == "seeds differ: 1 2 against 1 2 3");
  // grouped by fewer keys than vary: each seed once per learning rate
  const auto twice = nnlab::pair_runs(pointers(runs_with_seeds({1, 2, 1, 2})), pointers(baseline));
  CHECK(twice.why_not == "seed 1 appears twice in the group");
}

TEST_CASE("RunPairing: a seed whose runs started from other weights, or a format 1 store, "
          "leaves the groups unpaired",
          "[report][pairing]") {
  const auto baseline = runs_with_seeds({1, 2, 3});
  auto group = runs_with_seeds({1, 2, 3});
  group[2].record.init_fingerprint = "00000000000000aa";
  const auto other_start = nnlab::pair_runs(pointers(group), pointers(baseline));
  CHECK_FALSE(other_start.paired);
  CHECK(other_start.pairs.empty());
  CHECK(other_start.why_not ==
        "seed 3: not paired (initial weights differ: 00000000000000aa and 0000000000000103)");
  group[2].record.init_fingerprint = baseline[2].record.init_fingerprint;
  group[0].format_version = 1;
  CHECK(nnlab::pair_runs(pointers(group), pointers(baseline)).why_not ==
        "seed 1: not paired (format 1)");
  group[0].format_version = 2;
  CHECK(nnlab::pair_runs(pointers(group), pointers(baseline)).paired);
}

TEST_CASE("RunPairing: a failed run takes its seed out on both sides", "[report][pairing]") {
  // seed 2 failed in the group (it is not among its runs): its baseline partner leaves too
  const auto group = runs_with_seeds({1, 3}), baseline = runs_with_seeds({1, 2, 3});
  const auto pairing = nnlab::pair_runs(pointers(group), pointers(baseline), {2});
  CHECK(pairing.paired);
  CHECK(pairing.pairs.size() == 2);
  CHECK(pairing.pairs[1] == std::pair<std::size_t, std::size_t>{1, 2});
}
