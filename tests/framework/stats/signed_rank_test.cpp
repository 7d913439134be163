#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/stats/signed_rank.hpp"
#include "reference_values.hpp"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using nnlab::stats::signed_rank_test;

TEST_CASE("SignedRank: p-values and statistics match the reference for n = 1..40",
          "[stats][wilcoxon]") {
  const auto& cases = nnlab::test::stats_reference().at("signed_rank");
  REQUIRE(cases.size() >= 40);
  for (const auto& c : cases) {
    const std::vector<double> d = nnlab::test::reference_vector(c.at("d"));
    CAPTURE(c.at("note").get<std::string>(), c.at("source").get<std::string>(), c.at("d").dump());
    const auto test = signed_rank_test(d);
    CHECK(test.n == c.at("n").get<std::size_t>());
    CHECK(test.exact == c.at("exact").get<bool>());
    CHECK_THAT(test.statistic, WithinAbs(c.at("statistic").get<double>(), 1e-9));
    // exact p-values are ratios of whole counts: equal to rounding; the normal
    // approximation goes through two implementations of the normal tail
    const double tolerance = test.exact ? 1e-13 : 1e-10;
    CHECK_THAT(test.p_value, WithinRel(c.at("p").get<double>(), tolerance));
  }
}

TEST_CASE("SignedRank: exact up to 25 non-zero differences, zeros dropped first",
          "[stats][wilcoxon]") {
  std::vector<double> d(25, 1.0);
  for (std::size_t i = 0; i < d.size(); ++i)
    d[i] = static_cast<double>(i + 1) * (i % 3 == 0 ? -1.0 : 1.0);
  CHECK(signed_rank_test(d).exact);
  d.push_back(0.0); // a zero does not count
  const auto with_zero = signed_rank_test(d);
  CHECK(with_zero.exact);
  CHECK(with_zero.n == 25);
  CHECK(with_zero.p_value == signed_rank_test(std::vector<double>(d.begin(), d.end() - 1)).p_value);
  d.push_back(26.0);
  CHECK_FALSE(signed_rank_test(d).exact);
  // all positive: the most extreme of the 2^n sign patterns, p = 2 / 2^n
  CHECK(signed_rank_test(std::vector<double>{3, 1, 2, 5, 4}).p_value == 2.0 / 32.0);
}

TEST_CASE("SignedRank: no differences, all zero, or NaN", "[stats][wilcoxon]") {
  CHECK(std::isnan(signed_rank_test(std::vector<double>{}).p_value));
  const auto zeros = signed_rank_test(std::vector<double>{0, 0, 0});
  CHECK(zeros.n == 0);
  CHECK(zeros.p_value == 1.0);
  CHECK_THROWS_AS(signed_rank_test(std::vector<double>{1.0, NAN}), nnlab::Error);
}
