#include "nnlab/train/lr_schedule.hpp"

#include <cmath>
#include <stdexcept>

#include "nnlab/train/monitor.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

const std::vector<std::string>& lr_schedule_names() {
  // In the order of the enum, so that lr_schedule_from() can index it.
  static const std::vector<std::string> names{"constant", "step", "exponential", "invscaling",
                                              "adaptive"};
  return names;
}

std::string to_string(LrScheduleSettings::Kind kind) {
  return lr_schedule_names().at(static_cast<std::size_t>(kind));
}

std::optional<LrScheduleSettings::Kind> lr_schedule_from(std::string_view name) {
  const auto& names = lr_schedule_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<LrScheduleSettings::Kind>(i);
  return std::nullopt;
}

LrSchedule::LrSchedule(const LrScheduleSettings& settings, double base_rate)
    : settings_(settings), base_rate_(base_rate), adaptive_rate_(base_rate) {
  const auto in_unit = [](double x) { return x > 0.0 && x <= 1.0; };
  if (!(base_rate > 0.0) || !in_unit(settings.drop) || !in_unit(settings.gamma) ||
      settings.every == 0 || settings.patience == 0 || !(settings.power_t >= 0.0) ||
      !(settings.tol >= 0.0))
    throw std::invalid_argument("LrSchedule: settings out of range");
}

double LrSchedule::rate(const IterationStats& stats) {
  const double t = static_cast<double>(stats.iteration);
  switch (settings_.kind) {
  case LrScheduleSettings::Kind::constant: return base_rate_;
  case LrScheduleSettings::Kind::step:
    return base_rate_ *
           std::pow(settings_.drop, static_cast<double>((stats.iteration - 1) / settings_.every));
  case LrScheduleSettings::Kind::exponential: return base_rate_ * std::pow(settings_.gamma, t - 1);
  case LrScheduleSettings::Kind::invscaling: return base_rate_ / std::pow(t, settings_.power_t);
  case LrScheduleSettings::Kind::adaptive: break;
  }
  // scikit-learn's adaptive rule, counted in iterations: a value that does not beat the
  // best by more than tol is one more iteration without improvement; after `patience`
  // of them in a row the rate is divided by 5 and the count starts over.
  const double value = monitored_value(settings_.monitor, stats);
  if (seen_ && !(improvement(settings_.monitor, best_, value) > settings_.tol)) {
    if (++since_best_ >= settings_.patience) {
      adaptive_rate_ /= 5.0;
      ++reductions_;
      since_best_ = 0;
    }
  } else {
    since_best_ = 0;
  }
  if (!seen_ || improvement(settings_.monitor, best_, value) > 0.0) best_ = value;
  seen_ = true;
  return adaptive_rate_;
}

void LrSchedule::replay(const RunSeries& series) {
  const arma::uword n = (series.*stored_series()[0].recorded).n_elem;
  for (arma::uword i = 0; i < n; ++i) {
    IterationStats stats;
    stats.iteration = i + 1;
    for (const SeriesSpec& row : stored_series())
      if ((series.*row.recorded).n_elem == n) stats.*row.measured = (series.*row.recorded)[i];
    rate(stats);
  }
}

} // namespace nnlab
