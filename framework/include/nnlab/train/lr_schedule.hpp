#pragma once

#include <armadillo>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/train/observer.hpp"
#include "nnlab/train/series.hpp"
#include "nnlab/train/train_settings.hpp"

namespace nnlab {

/// "constant", "step", "exponential", "invscaling", "adaptive".
NNLAB_EXPORT std::string to_string(LrScheduleSettings::Kind kind);
NNLAB_EXPORT std::optional<LrScheduleSettings::Kind> lr_schedule_from(std::string_view name);
NNLAB_EXPORT const std::vector<std::string>& lr_schedule_names();

/// The learning rate of each update (formulas at LrScheduleSettings). The trainer asks
/// rate(stats) once per iteration, after measuring that iteration's costs and before its
/// update; the adaptive kind learns from those stats, the others only read the iteration.
class NNLAB_EXPORT LrSchedule {
public:
  /// Throws std::invalid_argument on settings out of range (drop or gamma not in (0, 1],
  /// every or patience 0, negative power_t or tol, a base rate <= 0).
  LrSchedule(const LrScheduleSettings& settings, double base_rate);

  /// alpha_t for update t = stats.iteration.
  double rate(const IterationStats& stats);
  /// Feeds iterations 1..n of a resumed run's series through rate(), so the adaptive
  /// schedule continues exactly where the interrupted run was.
  void replay(const RunSeries& series);
  /// How many times the adaptive schedule has divided the rate.
  arma::uword reductions() const { return reductions_; }

private:
  LrScheduleSettings settings_;
  double base_rate_;
  double adaptive_rate_;
  double best_ = 0.0;
  bool seen_ = false;
  arma::uword since_best_ = 0;
  arma::uword reductions_ = 0;
};

} // namespace nnlab
