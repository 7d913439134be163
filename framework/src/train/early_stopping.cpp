#include "nnlab/train/early_stopping.hpp"

#include <algorithm>
#include <cmath>
#include <locale>
#include <sstream>
#include <stdexcept>
#include <string>

namespace nnlab {

EarlyStopping::EarlyStopping(const EarlyStoppingSettings& settings) : settings_(settings) {
  if (settings.patience < 1 || !(settings.min_delta >= 0.0) || !std::isfinite(settings.min_delta))
    throw std::invalid_argument("EarlyStopping: patience must be at least 1 and min_delta a "
                                "finite number >= 0");
}

void EarlyStopping::keep_best(const arma::vec& params) {
  params_ = &params;
  state_.best_params.zeros(params.n_elem);
}

void EarlyStopping::restore(const EarlyStoppingState& state) {
  const arma::uword expected = params_ ? params_->n_elem : 0;
  if (state.best_params.n_elem != expected)
    throw std::invalid_argument("EarlyStopping::restore(): a state with " +
                                std::to_string(state.best_params.n_elem) +
                                " best parameters, expected " + std::to_string(expected));
  state_ = state;
}

bool EarlyStopping::on_iteration(const IterationStats& stats) {
  const double value = monitored_value(settings_.monitor, stats);
  const double gain = improvement(settings_.monitor, state_.best_value, value);
  if (state_.best_iteration == 0 || gain > settings_.min_delta) {
    state_.best_value = value;
    state_.best_iteration = stats.iteration;
    state_.since_best = 0;
    // Into the buffer keep_best() sized: no allocation per iteration.
    if (params_) std::copy(params_->begin(), params_->end(), state_.best_params.begin());
    return false;
  }
  if (++state_.since_best < settings_.patience) return false;
  stopped_at_ = stats.iteration;
  return true;
}

std::string EarlyStopping::message() const {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << "early stop at iteration " << stopped_at_ << ": no improvement of "
      << to_string(settings_.monitor) << " by more than " << settings_.min_delta << " in "
      << settings_.patience << " iterations (best at " << state_.best_iteration << ")";
  return out.str();
}

} // namespace nnlab
