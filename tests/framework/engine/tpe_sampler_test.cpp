// The TPE sampler's math: its estimators are densities, a proposal is the best candidate
// by l/g, and the same observations and seed give the same proposals.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <set>

#include "nnlab/core/error.hpp"
#include "nnlab/engine/tpe_sampler.hpp"

using Catch::Matchers::Contains;
using nnlab::ParzenEstimator;
using nnlab::SearchDimension;
using Kind = SearchDimension::Kind;

namespace {

const SearchDimension rate{"optimizer.learning_rate", Kind::loguniform, 0.001, 1.0, 0};
const SearchDimension momentum{"optimizer.momentum", Kind::uniform, 0.5, 0.99, 0};
const SearchDimension layers{"training.iterations", Kind::integer, 3, 9, 0};
const SearchDimension optimizer{"optimizer", Kind::choice, 0, 2, 3};

// The integral of p(u) over its support [a, b] (trapezoids in u).
double integral(const ParzenEstimator& p, const SearchDimension& d) {
  const int n = 20000;
  const double a = p.lower(), b = p.upper(), h = (b - a) / n;
  double sum = 0.0;
  for (int i = 0; i <= n; ++i) {
    const double u = a + h * i;
    const double x = d.kind == Kind::loguniform ? std::exp(u) : u;
    sum += (i == 0 || i == n ? 0.5 : 1.0) * p.density(x);
  }
  return sum * h;
}

std::vector<nnlab::TpeObservation> observations() {
  // Good points at small momentum; the loss grows with it.
  std::vector<nnlab::TpeObservation> result;
  for (int i = 0; i < 12; ++i) {
    const double m = 0.5 + 0.04 * i;
    result.push_back({{std::pow(10.0, -3.0 + 0.25 * i), m, 3.0 + i % 7, double(i % 3)}, m});
  }
  return result;
}

} // namespace

TEST_CASE("TpeSampler: each estimator is a density on its support, whatever the values",
          "[engine][tpe]") {
  for (const auto& values : {std::vector<double>{}, std::vector<double>{0.6},
                             std::vector<double>{0.5, 0.51, 0.52, 0.9, 0.99}}) {
    CAPTURE(values);
    CHECK(integral(ParzenEstimator(momentum, values), momentum) == Approx(1.0).epsilon(1e-6));
    std::vector<double> rates;
    for (const double v : values)
      rates.push_back(std::pow(10.0, -3.0 * (1.0 - (v - 0.5) / 0.49)));
    CHECK(integral(ParzenEstimator(rate, rates), rate) == Approx(1.0).epsilon(1e-6));
    // Outside the bounds nothing.
    CHECK(ParzenEstimator(momentum, values).density(0.49) == 0.0);
    CHECK(ParzenEstimator(rate, rates).density(1.5) == 0.0);
  }
  // int: the masses of low..high add up to 1.
  const ParzenEstimator ints(layers, {3, 3, 4, 9});
  double total = 0.0;
  for (int k = 3; k <= 9; ++k)
    total += ints.density(k);
  CHECK(total == Approx(1.0).epsilon(1e-12));
  CHECK(ints.density(3) > ints.density(6));
  CHECK(ints.density(2) == 0.0);
  // choice: counts smoothed by the prior, (count + 1/3) / (n + 1).
  const ParzenEstimator choice(optimizer, {0, 0, 2});
  CHECK(choice.density(0) == Approx((2 + 1.0 / 3) / 4));
  CHECK(choice.density(1) == Approx((0 + 1.0 / 3) / 4));
  CHECK(choice.density(2) == Approx((1 + 1.0 / 3) / 4));
}

TEST_CASE("TpeSampler: the kernels are narrow where values crowd and the prior is wide",
          "[engine][tpe]") {
  // Crowded values near 0.5 give a high density there; the prior keeps the rest positive.
  const ParzenEstimator p(momentum, {0.5, 0.505, 0.51, 0.515});
  CHECK(p.density(0.505) > 5 * p.density(0.9));
  CHECK(p.density(0.99) > 0.0);
  // Draws stay inside the bounds.
  nnlab::Rng rng(3);
  for (int i = 0; i < 2000; ++i) {
    const double x = p.sample(rng);
    REQUIRE(x >= 0.5);
    REQUIRE(x <= 0.99);
  }
}

TEST_CASE("TpeSampler: the good share is ceil(gamma n), at least one", "[engine][tpe]") {
  const nnlab::TpeSampler sampler({momentum});
  CHECK(sampler.good_count(1) == 1);
  CHECK(sampler.good_count(4) == 1);
  CHECK(sampler.good_count(5) == 2);
  CHECK(sampler.good_count(10) == 3);
  CHECK(sampler.good_count(100) == 25);
}

TEST_CASE("TpeSampler: the candidate chosen is the argmax of l/g", "[engine][tpe]") {
  const nnlab::TpeSampler sampler({rate, momentum, layers, optimizer});
  const auto l = sampler.estimators({{0.01, 0.55, 3, 0}, {0.02, 0.6, 4, 0}});
  const auto g = sampler.estimators({{0.5, 0.9, 9, 2}, {0.3, 0.95, 8, 1}, {0.9, 0.8, 7, 2}});
  nnlab::Rng rng(5);
  std::vector<nnlab::SearchPoint> candidates;
  for (int c = 0; c < 24; ++c) {
    nnlab::SearchPoint x;
    for (std::size_t d = 0; d < 4; ++d)
      x.push_back(nnlab::search_value(sampler.space()[d], l[d].sample(rng)));
    candidates.push_back(x);
  }
  std::vector<double> scores;
  for (const auto& x : candidates) {
    double by_hand = 0.0;
    for (std::size_t d = 0; d < 4; ++d)
      by_hand += std::log(l[d].density(x[d]) / g[d].density(x[d]));
    CHECK(sampler.log_ratio(x, l, g) == Approx(by_hand));
    scores.push_back(by_hand);
  }
  std::vector<bool> excluded(24, false);
  const auto best =
      static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  CHECK(sampler.best_candidate(candidates, excluded, l, g) == best);
  // An excluded best leaves the next best; all excluded, none.
  excluded[best] = true;
  scores[best] = -INFINITY;
  CHECK(sampler.best_candidate(candidates, excluded, l, g) ==
        static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin()));
  std::fill(excluded.begin(), excluded.end(), true);
  CHECK(sampler.best_candidate(candidates, excluded, l, g) == candidates.size());
}

TEST_CASE("TpeSampler: proposals are new, deterministic for a seed, and go where the good "
          "points are",
          "[engine][tpe]") {
  const nnlab::TpeSampler sampler({rate, momentum, layers, optimizer});
  const auto seen = observations();
  nnlab::Rng a(7), b(7), c(8);
  const auto first = sampler.propose(seen, 6, a);
  REQUIRE(first.size() == 6);
  CHECK(first == sampler.propose(seen, 6, b));
  CHECK(first != sampler.propose(seen, 6, c));
  std::set<nnlab::SearchPoint> distinct(first.begin(), first.end());
  for (const auto& o : seen)
    CHECK(distinct.count(o.x) == 0);
  CHECK(distinct.size() == 6);
  // The loss is the momentum: proposals favour small momentum.
  nnlab::Rng d(9);
  const auto many = sampler.propose(seen, 20, d);
  double mean = 0.0;
  for (const auto& x : many)
    mean += x[1] / many.size();
  CHECK(mean < 0.68); // the prior's mean is 0.745, the three best are below 0.59
}

TEST_CASE("TpeSampler: a discrete space with every point seen is said so", "[engine][tpe]") {
  const nnlab::TpeSampler sampler({optimizer});
  nnlab::Rng rng(1);
  CHECK(sampler.propose({{{0}, 1.0}, {{1}, 2.0}}, 1, rng) == std::vector<nnlab::SearchPoint>{{2}});
  CHECK_THROWS_WITH(sampler.propose({{{0}, 1.0}, {{1}, 2.0}, {{2}, 0.5}}, 1, rng),
                    Contains("sweep: tpe found no new point"));
}
