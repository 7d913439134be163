#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/engine/library_checks.hpp"

using Catch::Matchers::Contains;
using nnlab::LibraryCheck;
using nnlab::LibraryChecks;
using Verdict = nnlab::LibraryChecks::Verdict;

namespace {

LibraryCheck check(const std::string& library, const std::string& now, const std::string& was,
                   bool reproduced) {
  return {library,
          now,
          was,
          "0123456789abcdef",
          reproduced,
          reproduced ? "" : "cost_train at iteration 2: 0.5 stored, 0.25 now",
          "2026-01-02T03:04:05Z"};
}

} // namespace

TEST_CASE("LibraryChecks: a build that reproduced another gives its results, both ways and "
          "through others",
          "[engine][stale]") {
  LibraryChecks checks;
  CHECK(checks.verdict("core", "a", "a") == Verdict::same);
  CHECK(checks.verdict("core", "b", "a") == Verdict::unchecked);
  checks.add(check("core", "b", "a", true));
  checks.add(check("core", "c", "b", true));
  CHECK(checks.verdict("core", "b", "a") == Verdict::same);
  CHECK(checks.verdict("core", "a", "b") == Verdict::same);
  CHECK(checks.verdict("core", "c", "a") == Verdict::same); // c ~ b ~ a
  CHECK(checks.deciding("core", "c", "a") != nullptr);
  // Per library: a plugin with the same hashes is not checked by the core's checks.
  CHECK(checks.verdict("optimizer/sgd", "b", "a") == Verdict::unchecked);
  CHECK(checks.verdict("core", "d", "a") == Verdict::unchecked);
}

TEST_CASE("LibraryChecks: a build that differed gives other results, as do builds alike to it",
          "[engine][stale]") {
  LibraryChecks checks;
  checks.add(check("optimizer/step", "b", "a", true));
  checks.add(check("optimizer/step", "x", "b", false));
  CHECK(checks.verdict("optimizer/step", "x", "b") == Verdict::differs);
  CHECK(checks.verdict("optimizer/step", "x", "a") == Verdict::differs); // a ~ b
  CHECK(checks.verdict("optimizer/step", "b", "x") == Verdict::differs);
  REQUIRE(checks.deciding("optimizer/step", "x", "a") != nullptr);
  CHECK_FALSE(checks.deciding("optimizer/step", "x", "a")->reproduced);
  CHECK(checks.verdict("optimizer/step", "y", "a") == Verdict::unchecked);
}

TEST_CASE("LibraryChecks: the store's text holds every check, and a bad one is named",
          "[engine][stale]") {
  LibraryChecks checks;
  checks.add(check("core", std::string(64, 'b'), std::string(64, 'a'), true));
  checks.add(check("optimizer/momentum", "n", "w: quoted", false));
  const LibraryChecks back = LibraryChecks::parse(checks.to_yaml(), "runs.h5");
  REQUIRE(back.checks().size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CAPTURE(i);
    const LibraryCheck &a = checks.checks()[i], &b = back.checks()[i];
    CHECK(std::tie(a.library, a.now, a.was, a.run, a.reproduced, a.difference, a.checked) ==
          std::tie(b.library, b.now, b.was, b.run, b.reproduced, b.difference, b.checked));
  }
  CHECK(LibraryChecks::parse("", "runs.h5").checks().empty());
  const auto error = [](const std::string& text) {
    try {
      LibraryChecks::parse(text, "results/x/runs.h5");
    } catch (const nnlab::StorageError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK(error("{a: 1}") ==
        "results/x/runs.h5: library_checks: expected a list of checks, got a map");
  CHECK(error("- {library: core, now: a}") ==
        "results/x/runs.h5: library_checks: expected a list of checks, got a check without was");
  CHECK_THAT(error("- [a"), Contains("got text that is not YAML"));
}
