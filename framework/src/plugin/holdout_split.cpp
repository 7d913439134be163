#include "nnlab/plugin/holdout_split.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "nnlab/core/error.hpp"
#include "nnlab/core/rng.hpp"

namespace nnlab {

namespace {

std::string shortest(double value) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

/// t of the n candidates: at random, or spread evenly over their order.
arma::uvec pick(const arma::uvec& candidates, arma::uword t, bool shuffle, Rng& rng) {
  const arma::uword n = candidates.n_elem;
  if (shuffle) return candidates.elem(rng.permutation(n).head(t));
  arma::uvec picked(t);
  for (arma::uword j = 0; j < t; ++j)
    picked[j] = candidates[(2 * j + 1) * n / (2 * t)];
  return picked;
}

/// Test samples per class: proportional, adding up to n_test, at least one on each side.
std::vector<arma::uword> stratified_counts(const std::vector<arma::uword>& size,
                                           arma::uword n_test) {
  const arma::uword m = std::accumulate(size.begin(), size.end(), arma::uword{0});
  const std::size_t k = size.size();
  std::vector<arma::uword> t(k);
  std::vector<double> ideal(k);
  for (std::size_t c = 0; c < k; ++c) {
    ideal[c] = static_cast<double>(n_test) * static_cast<double>(size[c]) / static_cast<double>(m);
    t[c] = static_cast<arma::uword>(std::floor(ideal[c]));
  }
  std::vector<std::size_t> by_remainder(k);
  std::iota(by_remainder.begin(), by_remainder.end(), std::size_t{0});
  std::stable_sort(by_remainder.begin(), by_remainder.end(), [&](std::size_t a, std::size_t b) {
    return ideal[a] - std::floor(ideal[a]) > ideal[b] - std::floor(ideal[b]);
  });
  arma::uword given = std::accumulate(t.begin(), t.end(), arma::uword{0});
  for (std::size_t i = 0; given < n_test; ++i, ++given)
    ++t[by_remainder[i % k]];

  // A class with no test (or no train) sample takes one from the class that has most
  // above its ideal share and can spare it; the caller made sure one exists.
  const auto excess = [&](std::size_t c) { return static_cast<double>(t[c]) - ideal[c]; };
  for (std::size_t c = 0; c < k; ++c) {
    if (t[c] == 0) {
      std::size_t donor = k;
      for (std::size_t d = 0; d < k; ++d)
        if (t[d] >= 2 && (donor == k || excess(d) > excess(donor))) donor = d;
      --t[donor];
      ++t[c];
    } else if (t[c] == size[c]) {
      std::size_t taker = k;
      for (std::size_t d = 0; d < k; ++d)
        if (t[d] + 2 <= size[d] && (taker == k || excess(d) < excess(taker))) taker = d;
      --t[c];
      ++t[taker];
    }
  }
  return t;
}

} // namespace

Holdout holdout_split(const arma::rowvec& y, const std::vector<std::string>& class_names,
                      const HoldoutPlan& plan, const std::string& source) {
  const arma::uword m = y.n_elem;
  const long long rounded = std::llround(static_cast<double>(m) * plan.test_fraction);
  const std::string of =
      "test_fraction " + shortest(plan.test_fraction) + " of " + std::to_string(m) + " samples";
  if (rounded < 1) throw DataError(source + ": " + of + " leaves no test sample");
  if (rounded >= static_cast<long long>(m))
    throw DataError(source + ": " + of + " leaves no train sample");
  const auto n_test = static_cast<arma::uword>(rounded);

  Rng rng(plan.seed);
  arma::uvec is_test(m, arma::fill::zeros);
  if (plan.stratify) {
    const std::size_t k = class_names.size();
    std::vector<arma::uvec> members(k);
    std::vector<arma::uword> size(k);
    for (std::size_t c = 0; c < k; ++c) {
      members[c] = arma::find(y == static_cast<double>(c));
      size[c] = members[c].n_elem;
      if (size[c] < 2)
        throw DataError(source + ": stratify: class '" + class_names[c] + "' has " +
                        std::to_string(size[c]) +
                        " sample(s); every class needs at least 2, one on each side "
                        "(or stratify: false)");
    }
    if (n_test < k || m - n_test < k)
      throw DataError(source + ": stratify: " + of + " gives " + std::to_string(n_test) +
                      " test and " + std::to_string(m - n_test) + " train samples for " +
                      std::to_string(k) +
                      " classes; every class needs one on each side (or stratify: false)");
    const std::vector<arma::uword> t = stratified_counts(size, n_test);
    for (std::size_t c = 0; c < k; ++c)
      is_test.elem(pick(members[c], t[c], plan.shuffle, rng)).ones();
  } else {
    is_test.elem(pick(arma::regspace<arma::uvec>(0, m - 1), n_test, plan.shuffle, rng)).ones();
  }
  return {arma::find(is_test == 0), arma::find(is_test)};
}

} // namespace nnlab
