#include "nnlab/engine/tpe_sampler.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

using Kind = SearchDimension::Kind;

double Phi(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

constexpr double pi = 3.14159265358979323846;

double normal_density(double u, double mu, double sigma) {
  const double z = (u - mu) / sigma;
  return std::exp(-0.5 * z * z) / (sigma * std::sqrt(2.0 * pi));
}

// The component of cumulative weights `weights` (summing to ~1) that u in [0, 1) falls in.
std::size_t pick(const std::vector<double>& weights, double u) {
  double sum = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    sum += weights[i];
    if (u < sum) return i;
  }
  return weights.size() - 1;
}

} // namespace

ParzenEstimator::ParzenEstimator(const SearchDimension& dimension,
                                 const std::vector<double>& values, double prior_weight)
    : dimension_(dimension) {
  if (dimension.kind == Kind::choice) {
    const auto k = static_cast<double>(dimension.choices);
    weight_.assign(dimension.choices, prior_weight / k);
    for (const double x : values)
      weight_.at(static_cast<std::size_t>(x)) += 1.0;
    const double total = static_cast<double>(values.size()) + prior_weight;
    for (double& w : weight_)
      w /= total;
    a_ = 0;
    b_ = k - 1;
    return;
  }
  const bool integer = dimension.kind == Kind::integer;
  a_ = coordinate(dimension.low) - (integer ? 0.5 : 0.0);
  b_ = coordinate(dimension.high) + (integer ? 0.5 : 0.0);
  const double width = b_ - a_;
  // The components sorted by mu; the prior sits among them for the neighbour bandwidths.
  std::vector<std::pair<double, bool>> points; // mu, is the prior
  for (const double x : values)
    points.emplace_back(coordinate(x), false);
  points.emplace_back(0.5 * (a_ + b_), true);
  std::stable_sort(points.begin(), points.end(),
                   [](const auto& p, const auto& q) { return p.first < q.first; });
  const double n = static_cast<double>(points.size());
  const double min_sigma = width / std::min(100.0, 1.0 + n);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double mu = points[i].first;
    const double left = i == 0 ? a_ : points[i - 1].first;
    const double right = i + 1 == points.size() ? b_ : points[i + 1].first;
    const double sigma = points[i].second ? width : std::max(mu - left, right - mu);
    mu_.push_back(mu);
    sigma_.push_back(std::clamp(sigma, min_sigma, width));
    weight_.push_back(points[i].second ? prior_weight : 1.0);
  }
  const double total = std::accumulate(weight_.begin(), weight_.end(), 0.0);
  for (double& w : weight_)
    w /= total;
  for (std::size_t i = 0; i < mu_.size(); ++i)
    mass_.push_back(Phi((b_ - mu_[i]) / sigma_[i]) - Phi((a_ - mu_[i]) / sigma_[i]));
}

double ParzenEstimator::coordinate(double x) const {
  return dimension_.kind == Kind::loguniform ? std::log(x) : x;
}

double ParzenEstimator::kernel_mass(std::size_t i, double from, double to) const {
  return (Phi((to - mu_[i]) / sigma_[i]) - Phi((from - mu_[i]) / sigma_[i])) / mass_[i];
}

double ParzenEstimator::density(double x) const {
  if (dimension_.kind == Kind::choice) {
    const auto c = static_cast<std::size_t>(x);
    return c < weight_.size() ? weight_[c] : 0.0;
  }
  double p = 0.0;
  if (dimension_.kind == Kind::integer) {
    if (x < dimension_.low || x > dimension_.high) return 0.0;
    for (std::size_t i = 0; i < mu_.size(); ++i)
      p += weight_[i] * kernel_mass(i, x - 0.5, x + 0.5);
    return p;
  }
  const double u = coordinate(x);
  if (!(u >= a_ && u <= b_)) return 0.0;
  for (std::size_t i = 0; i < mu_.size(); ++i)
    p += weight_[i] * normal_density(u, mu_[i], sigma_[i]) / mass_[i];
  return p;
}

double ParzenEstimator::sample(Rng& rng) const {
  const std::size_t i = pick(weight_, rng.uniform());
  if (dimension_.kind == Kind::choice) return static_cast<double>(i);
  // The kernel truncated to [a, b] by rejection: its mass there is at least
  // Phi(1) - Phi(0) ~ 0.34 (mu inside, sigma <= b - a), so a draw rarely takes more than a
  // few tries; the bound keeps the number of draws finite whatever happens.
  double u = mu_[i];
  for (int tries = 0; tries < 1000; ++tries) {
    const double draw = mu_[i] + sigma_[i] * rng.normal();
    if (draw >= a_ && draw <= b_) {
      u = draw;
      break;
    }
  }
  if (dimension_.kind == Kind::loguniform) return std::exp(u);
  return u;
}

TpeSampler::TpeSampler(std::vector<SearchDimension> space, TpeSettings settings)
    : space_(std::move(space)), settings_(settings) {}

std::size_t TpeSampler::good_count(std::size_t n) const {
  const auto good = static_cast<std::size_t>(std::ceil(settings_.gamma * static_cast<double>(n)));
  return std::max<std::size_t>(1, std::min(good, n));
}

std::vector<ParzenEstimator> TpeSampler::estimators(const std::vector<SearchPoint>& points) const {
  std::vector<ParzenEstimator> result;
  for (std::size_t d = 0; d < space_.size(); ++d) {
    std::vector<double> values;
    for (const SearchPoint& x : points)
      values.push_back(x.at(d));
    result.emplace_back(space_[d], values, settings_.prior_weight);
  }
  return result;
}

double TpeSampler::log_ratio(const SearchPoint& x, const std::vector<ParzenEstimator>& l,
                             const std::vector<ParzenEstimator>& g) const {
  double score = 0.0;
  for (std::size_t d = 0; d < space_.size(); ++d)
    score += std::log(l[d].density(x[d])) - std::log(g[d].density(x[d]));
  return score;
}

std::size_t TpeSampler::best_candidate(const std::vector<SearchPoint>& candidates,
                                       const std::vector<bool>& excluded,
                                       const std::vector<ParzenEstimator>& l,
                                       const std::vector<ParzenEstimator>& g) const {
  std::size_t best = candidates.size();
  double best_score = -std::numeric_limits<double>::infinity();
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (excluded[c]) continue;
    const double score = log_ratio(candidates[c], l, g);
    if (best == candidates.size() || score > best_score) {
      best = c;
      best_score = score;
    }
  }
  return best;
}

std::vector<SearchPoint> TpeSampler::propose(const std::vector<TpeObservation>& observations,
                                             std::size_t count, Rng& rng) const {
  if (observations.empty()) throw Error("tpe: no observations to propose from");
  std::vector<std::size_t> order(observations.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    return observations[i].loss < observations[j].loss;
  });
  const std::size_t n_good = good_count(observations.size());
  std::vector<SearchPoint> good, bad;
  std::set<SearchPoint> seen;
  for (std::size_t k = 0; k < order.size(); ++k) {
    (k < n_good ? good : bad).push_back(observations[order[k]].x);
    seen.insert(observations[order[k]].x);
  }
  const std::vector<ParzenEstimator> l = estimators(good);
  std::vector<SearchPoint> proposals;
  while (proposals.size() < count) {
    const std::vector<ParzenEstimator> g = estimators(bad);
    std::size_t chosen = 0;
    std::vector<SearchPoint> candidates;
    // Candidates from l; when all of them were seen (a small discrete space), more.
    for (int attempt = 0; attempt < 40; ++attempt) {
      candidates.assign(settings_.candidates, SearchPoint(space_.size()));
      std::vector<bool> excluded(settings_.candidates);
      for (std::size_t c = 0; c < settings_.candidates; ++c) {
        for (std::size_t d = 0; d < space_.size(); ++d)
          candidates[c][d] = search_value(space_[d], l[d].sample(rng));
        excluded[c] = seen.count(candidates[c]) > 0;
      }
      chosen = best_candidate(candidates, excluded, l, g);
      if (chosen < candidates.size()) break;
    }
    if (chosen == candidates.size())
      throw ConfigError("sweep: tpe found no new point in " +
                        std::to_string(40 * settings_.candidates) + " draws after " +
                        std::to_string(seen.size()) +
                        " (does the space hold that many points? fewer rounds or a smaller "
                        "batch)");
    proposals.push_back(candidates[chosen]);
    seen.insert(candidates[chosen]);
    bad.push_back(candidates[chosen]); // the constant liar
  }
  return proposals;
}

} // namespace nnlab
