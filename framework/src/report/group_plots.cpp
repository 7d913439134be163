#include "nnlab/report/group_plots.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

std::size_t position(std::vector<std::string>& values, const std::string& value) {
  const auto it = std::find(values.begin(), values.end(), value);
  if (it != values.end()) return static_cast<std::size_t>(it - values.begin());
  values.push_back(value);
  return values.size() - 1;
}

std::vector<const arma::vec*> group_series(const std::vector<StoredRun>& runs,
                                           const RunGroup& group, const std::string& metric) {
  std::vector<const arma::vec*> series;
  for (const std::size_t r : group.runs)
    series.push_back(&series_of(runs[r].record, metric));
  return series;
}

} // namespace

void mark_pruned(BandCurve& curve, const RunGroup& group, const std::vector<StoredRun>& runs) {
  arma::uword rung = 0;
  for (const std::size_t r : group.runs) {
    if (runs[r].record.status != RunStatus::pruned) return;
    rung = std::max(rung, runs[r].record.iterations_done);
  }
  if (group.runs.empty()) return;
  curve.faint = true;
  curve.label += " (pruned at " + std::to_string(rung) + ")";
}

BandCurve band_curve(const RunGroup& group, const std::vector<const arma::vec*>& series) {
  SeriesBand band = series_band(series);
  return {group.label,         group.colour,        std::move(band.median),
          std::move(band.min), std::move(band.max), 0};
}

std::vector<BandCurve> band_curves(const std::vector<StoredRun>& runs, const RunGroups& groups,
                                   const std::string& metric) {
  std::vector<BandCurve> curves;
  for (const auto& group : groups.groups)
    curves.push_back(band_curve(group, group_series(runs, group, metric)));
  return curves;
}

std::string axis_label(const std::string& metric, bool log_y) {
  std::string label = series_title(metric) + (log_y ? " (log scale)" : "");
  if (!label.empty())
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

void add_convergence_plot(PlotRenderer& renderer, const std::vector<BandCurve>& curves,
                          const std::string& name, const std::string& metric, bool log_y) {
  const bool bands = bands_readable(curves.size(), log_y);
  add_band_plot(renderer, "convergence-" + metric, curves,
                name + ": " + series_title(metric) +
                    (bands ? ", median and min-max over seeds" : ", median over seeds"),
                axis_label(metric, log_y), log_y, bands);
}

Heatmap final_value_heatmap(const std::vector<StoredRun>& runs, const RunGroups& groups,
                            const std::string& metric) {
  if (groups.keys.size() < 2)
    throw PlotError(groups.store + ": a heatmap needs two keys that vary, got " +
                    std::to_string(groups.keys.size()));
  Heatmap map{groups.keys[0], groups.keys[1], {}, {}, {}};
  std::vector<std::vector<std::vector<double>>> cells;
  for (const auto& group : groups.groups) {
    const std::size_t r = position(map.row_values, group.values[0]);
    const std::size_t c = position(map.column_values, group.values[1]);
    cells.resize(map.row_values.size());
    for (auto& row : cells)
      row.resize(map.column_values.size());
    for (const std::size_t run : group.runs)
      cells[r][c].push_back(final_value(runs[run], metric));
  }
  map.value.set_size(map.row_values.size(), map.column_values.size());
  for (std::size_t r = 0; r < cells.size(); ++r)
    for (std::size_t c = 0; c < cells[r].size(); ++c)
      map.value(r, c) = median(cells[r][c]);
  return map;
}

double default_target(const std::vector<StoredRun>& runs, const std::string& metric) {
  double best = std::numeric_limits<double>::infinity();
  for (const auto& run : runs) {
    const double v = final_value(run, metric);
    if (std::isfinite(v) && v > 0.0) best = std::min(best, v);
  }
  return std::isfinite(best) ? 10.0 * best : std::nan("");
}

SpeedGroup speed_group(const RunGroup& group, const std::vector<const arma::vec*>& series,
                       double target) {
  SpeedGroup speed{group.label, group.colour, {}, 0};
  for (const arma::vec* values : series) {
    const arma::uvec hit = arma::find(*values <= target, 1);
    if (hit.is_empty())
      ++speed.never;
    else
      speed.reached.push_back(static_cast<double>(hit[0] + 1));
  }
  return speed;
}

std::vector<SpeedGroup> speed_groups(const std::vector<StoredRun>& runs, const RunGroups& groups,
                                     const std::string& metric, double target) {
  std::vector<SpeedGroup> result;
  for (const auto& group : groups.groups)
    result.push_back(speed_group(group, group_series(runs, group, metric), target));
  return result;
}

} // namespace nnlab
