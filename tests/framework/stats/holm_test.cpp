#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/stats/holm.hpp"

using Catch::Matchers::WithinRel;

TEST_CASE("Holm: step-down adjusted p-values in the input's order", "[stats][holm]") {
  // sorted: 0.005 x4 = 0.02; 0.01 x3 = 0.03; 0.03 x2 = 0.06; 0.04 x1 = 0.04 -> held at 0.06
  // (R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm"))
  const auto adjusted = nnlab::stats::holm(std::vector<double>{0.01, 0.04, 0.03, 0.005});
  REQUIRE(adjusted.size() == 4);
  CHECK_THAT(adjusted[0], WithinRel(0.03, 1e-15));
  CHECK_THAT(adjusted[1], WithinRel(0.06, 1e-15));
  CHECK_THAT(adjusted[2], WithinRel(0.06, 1e-15));
  CHECK_THAT(adjusted[3], WithinRel(0.02, 1e-15));
}

TEST_CASE("Holm: capped at 1, NaN left out of the family, one test unchanged", "[stats][holm]") {
  const auto adjusted = nnlab::stats::holm(std::vector<double>{0.4, NAN, 0.7});
  CHECK(adjusted[0] == 0.8);
  CHECK(std::isnan(adjusted[1]));
  CHECK(adjusted[2] == 0.8);
  CHECK(nnlab::stats::holm(std::vector<double>{0.6, 0.9})[1] == 1.0);
  CHECK(nnlab::stats::holm(std::vector<double>{0.0123})[0] == 0.0123);
  CHECK(nnlab::stats::holm(std::vector<double>{}).empty());
}
