#pragma once

#include <cstddef>
#include <vector>

#include "nnlab/config/search_space.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/export.hpp"

namespace nnlab {

/// A point of the search space judged: `loss` is lower-is-better (an accuracy enters
/// negated; a point with no usable result enters as +infinity, the worst).
struct TpeObservation {
  SearchPoint x;
  double loss = 0.0;
};

struct TpeSettings {
  double gamma = 0.25;         ///< the share of observations taken as good: l(x)
  std::size_t candidates = 24; ///< drawn from l(x) for each proposal
  double prior_weight = 1.0;   ///< the weight of the prior component of each estimator
};

/// The Parzen estimator of one dimension over a set of its values (Bergstra et al. 2011,
/// sec. 4; the bandwidths of hyperopt's adaptive Parzen estimator). It works in the
/// dimension's own coordinate u: u = x for uniform, u = ln x for loguniform (so the kernels
/// are log-normal in x), u = x over [low - 1/2, high + 1/2] for int, the index for choice.
///
/// Numeric: p(u) = sum_i w_i N(u; mu_i, s_i) / Z_i on [a, b], zero outside, with
///   mu_i  the values and one prior component mu_0 = (a + b) / 2, s_0 = b - a;
///   s_i   = max(mu_i - mu_left, mu_right - mu_i), its neighbours among the sorted mu
///           (a and b at the ends), clipped to [(b - a) / min(100, 1 + n), b - a];
///   w_i   = 1 for each value, prior_weight for the prior, normalised to sum 1;
///   Z_i   = Phi((b - mu_i) / s_i) - Phi((a - mu_i) / s_i), the kernel's mass on [a, b].
/// int: the mass of the integer's unit bin, sum_i w_i [Phi((k + 1/2 - mu_i) / s_i) -
///   Phi((k - 1/2 - mu_i) / s_i)] / Z_i, so the masses of low..high sum to 1.
/// choice of K: p(c) = (count(c) + prior_weight / K) / (n + prior_weight).
class NNLAB_EXPORT ParzenEstimator {
public:
  ParzenEstimator(const SearchDimension& dimension, const std::vector<double>& values,
                  double prior_weight = 1.0);

  /// p(u) at the value x (int and choice: the probability of x).
  double density(double x) const;
  /// A value drawn from p: a component by its weight, then its truncated kernel.
  double sample(Rng& rng) const;

  /// u of a value x, and the support [a, b] of u (for tests and integration).
  double coordinate(double x) const;
  double lower() const { return a_; }
  double upper() const { return b_; }

private:
  double kernel_mass(std::size_t i, double from, double to) const;

  SearchDimension dimension_;
  double a_ = 0, b_ = 0;
  std::vector<double> mu_, sigma_, weight_, mass_; // numeric: components; choice: weight_
};

/// Tree-structured Parzen estimator (Bergstra, Bardenet, Bengio, Kegl, "Algorithms for
/// hyper-parameter optimization", NIPS 2011), the dimensions taken independently:
/// - the observations, ordered by loss (ties: in the order given), are split after the
///   first n_good = max(1, ceil(gamma n)): the good ones make l(x), the rest g(x), each a
///   product over dimensions of ParzenEstimators;
/// - a proposal is the candidate x among `candidates` drawn from l that maximises
///   l(x) / g(x) (its expected improvement is monotone in it), as sum_d log l_d - log g_d;
///   the first such candidate on ties; candidates are rounded as sweep points hold them
///   (search_value) before they are judged, and one equal to an observed or proposed point
///   is passed over;
/// - the proposals of one batch are made one after another, each proposal joining g
///   ("constant liar" with the worst value), so a batch spreads out instead of repeating.
/// Everything drawn comes from `rng`: the same observations and rng give the same batch.
class NNLAB_EXPORT TpeSampler {
public:
  explicit TpeSampler(std::vector<SearchDimension> space, TpeSettings settings = {});

  /// How many of n observations make l(x).
  std::size_t good_count(std::size_t n) const;
  /// `count` new points from the observations (at least one). Throws ConfigError when the
  /// space holds no new point (discrete spaces all observed).
  std::vector<SearchPoint> propose(const std::vector<TpeObservation>& observations,
                                   std::size_t count, Rng& rng) const;
  /// sum_d log l_d(x_d) - log g_d(x_d) for the estimators of `good` and `bad` points.
  double log_ratio(const SearchPoint& x, const std::vector<ParzenEstimator>& l,
                   const std::vector<ParzenEstimator>& g) const;
  /// The estimators of the points, one per dimension.
  std::vector<ParzenEstimator> estimators(const std::vector<SearchPoint>& points) const;
  /// The index of the candidate with the largest log_ratio (the first on ties), skipping
  /// `excluded` ones; candidates.size() when every one is excluded.
  std::size_t best_candidate(const std::vector<SearchPoint>& candidates,
                             const std::vector<bool>& excluded,
                             const std::vector<ParzenEstimator>& l,
                             const std::vector<ParzenEstimator>& g) const;

  const std::vector<SearchDimension>& space() const { return space_; }

private:
  std::vector<SearchDimension> space_;
  TpeSettings settings_;
};

} // namespace nnlab
