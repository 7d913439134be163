#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/report/sweep_points.hpp"

namespace nnlab {

/// A balanced full grid's final values split by analysis of variance. With y the final
/// value of a run, ybar the mean of all N runs, ybar_k(l) the mean of the runs whose key k
/// has level l and ybar_p the mean of the runs of point p (every combination of levels,
/// each run r times, once per seed):
///   SS_total = sum (y - ybar)^2                         = SS_points + SS_seed
///   SS_k     = sum over runs (ybar_k(l) - ybar)^2        (the main effect of key k)
///   SS_inter = SS_points - sum_k SS_k, SS_points = sum over runs (ybar_p - ybar)^2
///   SS_seed  = sum (y - ybar_p)^2                       (what the seed alone changes)
/// and each share is SS / SS_total, so the shares add up to 1. In a balanced grid the main
/// effects are orthogonal, so SS_inter >= 0 (up to rounding).
struct VarianceSplit {
  std::vector<double> main_effects; ///< per key, share of SS_total
  double interactions = 0.0;        ///< share of SS_total
  double seed = 0.0;                ///< share of SS_total
  double total_sum_of_squares = 0.0;
  std::size_t runs = 0, replicates = 0; ///< N, and r runs per point
};

/// values[p][s]: the s-th run of point p; levels[p][k]: the level index of key k at point p.
/// Every point must hold the same number of values, and every combination of levels must
/// occur exactly once (throws std::invalid_argument otherwise).
NNLAB_EXPORT VarianceSplit split_variance(const std::vector<std::vector<double>>& values,
                                          const std::vector<std::vector<std::size_t>>& levels,
                                          const std::vector<std::size_t>& level_counts);

/// Spearman's rank correlation of x and y (average ranks for ties); NaN when either is
/// constant or there are fewer than 3 pairs.
NNLAB_EXPORT double spearman(const std::vector<double>& x, const std::vector<double>& y);

/// The correlation ratio eta of a category and the ranks of y: sqrt(between-category sum of
/// squares / total sum of squares) of y's average ranks, in [0, 1]; NaN when y is constant.
NNLAB_EXPORT double rank_eta(const std::vector<std::string>& category,
                             const std::vector<double>& y);

/// How much of the spread of a sweep's final metric each key explains.
struct KeyImportance {
  enum class Method {
    variance_split,   ///< full balanced grid: shares of the variance (VarianceSplit)
    rank_correlation, ///< otherwise: |Spearman rho| (numeric key) or eta on ranks
  };
  struct Bar {
    std::string name;      ///< a key path, "interactions" or "seed"
    double value = 0.0;    ///< a share in [0, 1], or |rho| / eta
    std::string statistic; ///< "share of variance", "|Spearman rho|", "eta on ranks"
  };
  Method method = Method::rank_correlation;
  std::vector<Bar> bars; ///< keys in the sweep's order, then interactions and seed
  std::string why;       ///< rank_correlation: why the variance is not split
  std::size_t runs = 0;  ///< runs analysed (finite final value)
};

/// The variance split of a grid sweep whose points form a full grid with the same number
/// of finite final values each; rank correlations over the runs for search modes and for
/// any other sweep (`why` says which condition failed).
NNLAB_EXPORT KeyImportance key_importance(const SweepPoints& sweep);

} // namespace nnlab
