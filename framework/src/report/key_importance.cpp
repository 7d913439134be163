#include "nnlab/report/key_importance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

namespace nnlab {

namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

double mean(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

/// Average ranks (1-based) of the values; ties share the mean of their ranks.
std::vector<double> ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> rank(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]])
      ++j;
    const double average = 0.5 * static_cast<double>(i + j) + 1.0;
    for (std::size_t t = i; t <= j; ++t)
      rank[order[t]] = average;
    i = j + 1;
  }
  return rank;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double mx = mean(x), my = mean(y);
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0.0 && syy > 0.0 ? sxy / std::sqrt(sxx * syy) : not_a_number;
}

/// Why the points are not a balanced full grid, or "" when they are.
std::string why_not_grid(const SweepPoints& sweep) {
  if (!(sweep.mode == "grid")) return "a " + sweep.mode + " sweep is not a grid";
  std::size_t cells = 1;
  for (const auto& key : sweep.keys)
    cells *= key.levels.size();
  if (cells != sweep.points.size())
    return std::to_string(sweep.points.size()) + " points, not every one of the " +
           std::to_string(cells) + " combinations of the keys";
  const std::size_t r = sweep.points.front().finals.size();
  for (const auto& point : sweep.points) {
    if (point.finals.size() != r)
      return "the points have different numbers of runs (" + std::to_string(r) + ", " +
             std::to_string(point.finals.size()) + ")";
    if (std::any_of(point.finals.begin(), point.finals.end(),
                    [](double v) { return std::isnan(v); }))
      return "some runs have no finite final " + sweep.metric + " (failed or diverged)";
  }
  return "";
}

KeyImportance variance_split_of(const SweepPoints& sweep) {
  std::vector<std::vector<double>> values;
  std::vector<std::vector<std::size_t>> levels;
  std::vector<std::size_t> counts;
  for (const auto& key : sweep.keys)
    counts.push_back(key.levels.size());
  for (const auto& point : sweep.points) {
    values.push_back(point.finals);
    std::vector<std::size_t> at;
    for (std::size_t k = 0; k < sweep.keys.size(); ++k) {
      const auto& lv = sweep.keys[k].levels;
      at.push_back(
          static_cast<std::size_t>(std::find(lv.begin(), lv.end(), point.values[k]) - lv.begin()));
    }
    levels.push_back(std::move(at));
  }
  const VarianceSplit split = split_variance(values, levels, counts);
  KeyImportance result;
  result.method = KeyImportance::Method::variance_split;
  result.runs = split.runs;
  const std::string share = "share of variance";
  for (std::size_t k = 0; k < sweep.keys.size(); ++k)
    result.bars.push_back({sweep.keys[k].path, split.main_effects[k], share});
  if (sweep.keys.size() > 1) result.bars.push_back({"interactions", split.interactions, share});
  result.bars.push_back({"seed", split.seed, share});
  return result;
}

KeyImportance rank_correlations_of(const SweepPoints& sweep, std::string why) {
  KeyImportance result;
  result.why = std::move(why);
  std::vector<double> y;
  std::vector<const SweepPoint*> point_of;
  for (const auto& point : sweep.points)
    for (const double value : point.finals)
      if (!std::isnan(value)) {
        y.push_back(value);
        point_of.push_back(&point);
      }
  result.runs = y.size();
  for (std::size_t k = 0; k < sweep.keys.size(); ++k) {
    const SweptKey& key = sweep.keys[k];
    if (key.numeric) {
      std::vector<double> x;
      for (const auto* point : point_of)
        x.push_back(key.log_scale ? std::log10(point->numbers[k]) : point->numbers[k]);
      result.bars.push_back({key.path, std::fabs(spearman(x, y)), "|Spearman rho|"});
    } else {
      std::vector<std::string> category;
      for (const auto* point : point_of)
        category.push_back(point->values[k]);
      result.bars.push_back({key.path, rank_eta(category, y), "eta on ranks"});
    }
  }
  return result;
}

} // namespace

VarianceSplit split_variance(const std::vector<std::vector<double>>& values,
                             const std::vector<std::vector<std::size_t>>& levels,
                             const std::vector<std::size_t>& level_counts) {
  const std::size_t n_keys = level_counts.size();
  const std::size_t cells = std::accumulate(level_counts.begin(), level_counts.end(),
                                            std::size_t{1}, std::multiplies<>());
  if (values.empty() || values.size() != levels.size() || values.size() != cells)
    throw std::invalid_argument("split_variance: not one point per combination of levels");
  const std::size_t r = values.front().size();
  std::set<std::vector<std::size_t>> seen;
  for (std::size_t p = 0; p < values.size(); ++p) {
    if (values[p].size() != r || r == 0 || levels[p].size() != n_keys)
      throw std::invalid_argument("split_variance: points with different numbers of runs");
    for (std::size_t k = 0; k < n_keys; ++k)
      if (levels[p][k] >= level_counts[k])
        throw std::invalid_argument("split_variance: a level out of range");
    if (!seen.insert(levels[p]).second)
      throw std::invalid_argument("split_variance: a combination of levels twice");
  }
  VarianceSplit split;
  split.replicates = r;
  split.runs = values.size() * r;
  double sum = 0.0;
  for (const auto& point : values)
    sum += std::accumulate(point.begin(), point.end(), 0.0);
  const double grand = sum / static_cast<double>(split.runs);
  // Level means of each key, over every run at that level.
  std::vector<std::vector<double>> level_sum(n_keys), level_mean(n_keys);
  for (std::size_t k = 0; k < n_keys; ++k)
    level_sum[k].assign(level_counts[k], 0.0);
  for (std::size_t p = 0; p < values.size(); ++p)
    for (std::size_t k = 0; k < n_keys; ++k)
      level_sum[k][levels[p][k]] += std::accumulate(values[p].begin(), values[p].end(), 0.0);
  double ss_total = 0.0, ss_points = 0.0, ss_seed = 0.0;
  std::vector<double> ss_key(n_keys, 0.0);
  for (std::size_t k = 0; k < n_keys; ++k) {
    const double per_level = static_cast<double>(split.runs / level_counts[k]);
    for (std::size_t l = 0; l < level_counts[k]; ++l) {
      const double d = level_sum[k][l] / per_level - grand;
      ss_key[k] += per_level * d * d;
    }
  }
  for (const auto& point : values) {
    const double point_mean = mean(point);
    ss_points += static_cast<double>(r) * (point_mean - grand) * (point_mean - grand);
    for (const double y : point) {
      ss_total += (y - grand) * (y - grand);
      ss_seed += (y - point_mean) * (y - point_mean);
    }
  }
  split.total_sum_of_squares = ss_total;
  const double denominator = ss_total > 0.0 ? ss_total : 1.0;
  double main_sum = 0.0;
  for (const double ss : ss_key) {
    split.main_effects.push_back(ss / denominator);
    main_sum += ss;
  }
  split.interactions = std::max(0.0, ss_points - main_sum) / denominator;
  split.seed = ss_seed / denominator;
  return split;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 3) return not_a_number;
  return pearson(ranks(x), ranks(y));
}

double rank_eta(const std::vector<std::string>& category, const std::vector<double>& y) {
  if (category.size() != y.size() || y.size() < 2) return not_a_number;
  const std::vector<double> rank = ranks(y);
  const double grand = mean(rank);
  std::map<std::string, std::pair<double, std::size_t>> groups;
  double total = 0.0;
  for (std::size_t i = 0; i < rank.size(); ++i) {
    auto& [sum, count] = groups[category[i]];
    sum += rank[i];
    ++count;
    total += (rank[i] - grand) * (rank[i] - grand);
  }
  if (!(total > 0.0)) return not_a_number;
  double between = 0.0;
  for (const auto& [name, group] : groups) {
    const double d = group.first / static_cast<double>(group.second) - grand;
    between += static_cast<double>(group.second) * d * d;
  }
  return std::sqrt(between / total);
}

KeyImportance key_importance(const SweepPoints& sweep) {
  if (sweep.points.empty() || sweep.keys.empty()) return rank_correlations_of(sweep, "no sweep");
  const std::string why = why_not_grid(sweep);
  return why.empty() ? variance_split_of(sweep) : rank_correlations_of(sweep, why);
}

} // namespace nnlab
