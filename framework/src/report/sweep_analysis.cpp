#include "nnlab/report/sweep_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "nnlab/plot/importance_plot.hpp"
#include "nnlab/plot/parallel_plot.hpp"
#include "nnlab/report/run_groups.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

namespace {

/// A final value as stored (undoing SweepPoints::log_metric).
double stored_value(const SweepPoints& sweep, double value) {
  return sweep.log_metric ? std::pow(10.0, value) : value;
}

std::string metric_words(const SweepPoints& sweep) {
  return "final " + series_title(sweep.metric);
}

void draw_parallel(PlotRenderer& renderer, const SweepPoints& sweep, const std::string& title) {
  std::vector<ParallelAxis> axes;
  for (const auto& key : sweep.keys)
    axes.push_back(
        {key.path, key.numeric ? std::vector<std::string>{} : key.levels, key.log_scale});
  // A log axis and colour scale only where the medians span a factor of two or more: over a
  // narrower range a log scale shows nothing a linear one does not, and has no round ticks.
  double low = std::numeric_limits<double>::infinity(), high = 0.0;
  for (const auto& point : sweep.points)
    if (!std::isnan(point.median)) {
      low = std::min(low, stored_value(sweep, point.median));
      high = std::max(high, stored_value(sweep, point.median));
    }
  axes.push_back({metric_words(sweep), {}, sweep.log_metric && low > 0.0 && high >= 2.0 * low});
  arma::mat lines(sweep.points.size(), axes.size());
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    const SweepPoint& point = sweep.points[p];
    for (std::size_t k = 0; k < sweep.keys.size(); ++k) {
      const SweptKey& key = sweep.keys[k];
      lines(p, k) = key.numeric ? point.numbers[k]
                                : static_cast<double>(std::find(key.levels.begin(),
                                                                key.levels.end(), point.values[k]) -
                                                      key.levels.begin());
    }
    lines(p, sweep.keys.size()) = stored_value(sweep, point.median);
  }
  add_parallel_plot(renderer, "parallel-" + sweep.metric, axes, lines, title);
}

void draw_importance(PlotRenderer& renderer, const SweepPoints& sweep,
                     const std::string& experiment_name) {
  const KeyImportance importance = key_importance(sweep);
  std::vector<ImportanceBar> bars;
  for (const auto& bar : importance.bars)
    bars.push_back({bar.name, bar.value});
  const std::string of = std::string(sweep.log_metric ? "log10 " : "") + metric_words(sweep);
  const std::string runs = std::to_string(importance.runs) + " runs";
  if (importance.method == KeyImportance::Method::variance_split)
    add_importance_plot(renderer, "importance-" + sweep.metric, bars,
                        experiment_name + ": what the " + of + " depends on",
                        "share of the variance of " + of + " (analysis of variance, " + runs + ")");
  else
    add_importance_plot(renderer, "importance-" + sweep.metric, bars,
                        experiment_name + ": rank correlation with the " + of,
                        "|Spearman rho| (numeric key) or eta on ranks (other keys), " + runs,
                        "not a variance split: " + importance.why);
}

} // namespace

const std::vector<std::string>& sweep_analysis_kinds() {
  static const std::vector<std::string> kinds{"parallel", "slice", "importance", "history"};
  return kinds;
}

std::vector<SlicePanel> slice_panels(const SweepPoints& sweep) {
  std::vector<SlicePanel> panels;
  for (std::size_t k = 0; k < sweep.keys.size(); ++k) {
    if (!sweep.keys[k].numeric) continue;
    SlicePanel panel{sweep.keys[k].path, sweep.keys[k].log_scale, {}};
    // The points that agree on every other key form one curve.
    std::map<std::vector<std::string>, std::vector<const SweepPoint*>> rest;
    std::vector<std::vector<std::string>> order;
    for (const auto& point : sweep.points) {
      std::vector<std::string> others = point.values;
      others.erase(others.begin() + static_cast<std::ptrdiff_t>(k));
      if (!rest.count(others)) order.push_back(others);
      rest[others].push_back(&point);
    }
    const bool grid = std::all_of(rest.begin(), rest.end(),
                                  [](const auto& entry) { return entry.second.size() > 1; });
    const auto curve_of = [&](const std::vector<const SweepPoint*>& points, std::string label,
                              std::size_t colour, bool connected) {
      std::vector<const SweepPoint*> sorted = points;
      std::sort(sorted.begin(), sorted.end(), [&](const SweepPoint* a, const SweepPoint* b) {
        return a->numbers[k] < b->numbers[k];
      });
      SliceCurve curve{std::move(label),
                       colour,
                       arma::vec(sorted.size()),
                       arma::vec(sorted.size()),
                       arma::vec(sorted.size()),
                       arma::vec(sorted.size()),
                       connected};
      for (std::size_t i = 0; i < sorted.size(); ++i) {
        std::vector<double> values;
        for (const double v : sorted[i]->finals)
          if (!std::isnan(v)) values.push_back(stored_value(sweep, v));
        curve.x[i] = sorted[i]->numbers[k];
        curve.median[i] = median(values);
        curve.low[i] =
            values.empty() ? std::nan("") : *std::min_element(values.begin(), values.end());
        curve.high[i] =
            values.empty() ? std::nan("") : *std::max_element(values.begin(), values.end());
      }
      return curve;
    };
    if (grid) {
      for (std::size_t c = 0; c < order.size(); ++c) {
        std::string label;
        for (std::size_t j = 0, o = 0; j < sweep.keys.size(); ++j) {
          if (j == k) continue;
          const std::string& key = sweep.keys[j].path;
          const std::string part = key.substr(key.rfind('.') + 1);
          label += (label.empty() ? "" : " ") +
                   (part == "plugin" ? order[c][o] : part + "=" + order[c][o]);
          ++o;
        }
        panel.curves.push_back(curve_of(rest[order[c]], label, c, true));
      }
    } else {
      std::vector<const SweepPoint*> all;
      for (const auto& point : sweep.points)
        all.push_back(&point);
      panel.curves.push_back(curve_of(all, "", 0, false));
    }
    panels.push_back(std::move(panel));
  }
  return panels;
}

SearchHistory search_history(const SweepPoints& sweep, const std::vector<bool>& pruned) {
  std::vector<std::size_t> order(sweep.points.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return sweep.points[a].first_run < sweep.points[b].first_run;
  });
  const std::size_t n = order.size();
  SearchHistory history{arma::vec(n), arma::vec(n), arma::vec(n), arma::uvec(n, arma::fill::zeros)};
  double spent = 0.0, best = std::nan("");
  for (std::size_t i = 0; i < n; ++i) {
    const SweepPoint& point = sweep.points[order[i]];
    spent += static_cast<double>(point.runs.size());
    // A pruned point shows where its rung left it, and never counts as the best.
    const bool was_pruned = (order[i] < pruned.size() && pruned[order[i]]) || point.pruned;
    const double value = point.pruned ? point.rung_median : stored_value(sweep, point.median);
    if (!std::isnan(value) && !point.pruned &&
        (std::isnan(best) || (sweep.lower_is_better ? value < best : value > best)))
      best = value;
    history.runs[i] = spent;
    history.value[i] = value;
    history.best[i] = best;
    history.pruned[i] = was_pruned ? 1 : 0;
  }
  return history;
}

std::vector<std::string>
add_sweep_analysis_plots(PlotRenderer& renderer, const SweepPoints& sweep,
                         const std::string& experiment_name,
                         const std::function<bool(const std::string&)>& wanted) {
  std::vector<std::string> notes;
  const bool finite = std::any_of(sweep.points.begin(), sweep.points.end(),
                                  [](const SweepPoint& p) { return !std::isnan(p.median); });
  const std::string of = metric_words(sweep);
  const std::string axis = of + (sweep.log_metric ? " (log scale)" : "");
  const std::string median_of = experiment_name + ": " + of + ", median over seeds";
  const bool whole = sweep.keys.size() >= 2;
  const std::string few_keys = ": skipped: it needs two keys that vary, the sweep varies " +
                               std::to_string(sweep.keys.size());
  const std::string no_values = ": skipped: no run has a finite final " + sweep.metric;
  for (const std::string kind : {"parallel", "slice", "importance"}) {
    if (!wanted(kind)) continue;
    if (!whole) {
      notes.push_back(kind + few_keys);
      continue;
    }
    if (!finite) {
      notes.push_back(kind + no_values);
      continue;
    }
    if (kind == std::string("parallel")) draw_parallel(renderer, sweep, median_of);
    if (kind == std::string("importance")) draw_importance(renderer, sweep, experiment_name);
    if (kind == std::string("slice")) {
      const std::vector<SlicePanel> panels = slice_panels(sweep);
      if (panels.empty())
        notes.push_back("slice: skipped: no swept key is numeric");
      else
        add_slice_plot(renderer, "slice-" + sweep.metric, panels,
                       experiment_name + ": " + of + ", median and min-max over seeds", axis,
                       sweep.log_metric);
    }
  }
  if (wanted("history")) {
    if (!is_search_mode(sweep.mode))
      notes.push_back("history: skipped: a " + sweep.mode + " sweep is not a search");
    else if (!finite)
      notes.push_back("history" + no_values);
    else
      add_history_plot(renderer, "history-" + sweep.metric, search_history(sweep),
                       experiment_name + ": best " + of + " so far (median over seeds)", axis,
                       sweep.log_metric);
  }
  return notes;
}

} // namespace nnlab
