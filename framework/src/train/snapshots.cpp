#include "nnlab/train/snapshots.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "nnlab/model/mlp.hpp"

namespace nnlab {

std::vector<arma::uword> snapshot_iterations(const TrainSettings& settings) {
  const arma::uword last = settings.iterations;
  std::vector<arma::uword> plan;
  if (settings.snapshot_every > 0) {
    for (arma::uword t = 0; t < last; t += settings.snapshot_every)
      plan.push_back(t);
    plan.push_back(last);
  } else if (settings.snapshots == 1) {
    plan.push_back(last);
  } else if (settings.snapshots > 1) {
    const arma::uword k = std::min(settings.snapshots, last + 1);
    const double span = std::log(static_cast<double>(last) + 1.0);
    for (arma::uword j = 0; j < k; ++j) {
      const double at = std::exp(span * static_cast<double>(j) / static_cast<double>(k - 1));
      auto t = static_cast<arma::uword>(std::llround(at)) - 1;
      // Distinct, and room left for the ones after: K <= N + 1 fits them all.
      if (!plan.empty()) t = std::max(t, plan.back() + 1);
      plan.push_back(std::min(t, last - (k - 1 - j)));
    }
  }
  return plan;
}

arma::uword snapshot_count(const TrainSettings& settings) {
  return snapshot_iterations(settings).size();
}

SnapshotRecorder::SnapshotRecorder(const TrainSettings& settings, arma::uword n_params)
    : plan_(snapshot_iterations(settings)) {
  snapshots_.iterations.resize(plan_.size());
  snapshots_.params.zeros(n_params, plan_.size());
}

void SnapshotRecorder::take_column(arma::uword iteration, const Mlp& mlp) {
  snapshots_.iterations[n_] = iteration;
  std::copy(mlp.params().begin(), mlp.params().end(), snapshots_.params.colptr(n_));
  ++n_;
}

void SnapshotRecorder::start(const Mlp& mlp) {
  if (n_ == 0 && !plan_.empty() && plan_.front() == 0) take_column(0, mlp);
}

bool SnapshotRecorder::after_step(arma::uword iteration, const Mlp& mlp, const Optimizer&) {
  updates_ = iteration;
  if (n_ < plan_.size() && plan_[n_] == iteration) take_column(iteration, mlp);
  return false;
}

void SnapshotRecorder::finish(const Mlp& mlp) {
  const bool have = n_ > 0 && snapshots_.iterations[n_ - 1] == updates_;
  if (!have && n_ < plan_.size()) take_column(updates_, mlp);
}

RunSnapshots SnapshotRecorder::taken() const {
  RunSnapshots copy;
  copy.iterations.assign(snapshots_.iterations.begin(), snapshots_.iterations.begin() + n_);
  copy.params = snapshots_.params.head_cols(n_);
  return copy;
}

void SnapshotRecorder::restore(const RunSnapshots& taken, arma::uword iteration) {
  const auto due = static_cast<arma::uword>(
      std::upper_bound(plan_.begin(), plan_.end(), iteration) - plan_.begin());
  const bool fits = taken.iterations.size() == due && taken.params.n_cols == due &&
                    (due == 0 || taken.params.n_rows == snapshots_.params.n_rows) &&
                    std::equal(taken.iterations.begin(), taken.iterations.end(), plan_.begin());
  if (!fits)
    throw std::invalid_argument("snapshots: " + std::to_string(taken.iterations.size()) +
                                " taken, the run takes " + std::to_string(due) + " by iteration " +
                                std::to_string(iteration));
  for (arma::uword j = 0; j < due; ++j)
    snapshots_.iterations[j] = taken.iterations[j];
  if (due > 0) snapshots_.params.head_cols(due) = taken.params;
  n_ = due;
  updates_ = iteration;
}

RunSnapshots SnapshotRecorder::take() {
  RunSnapshots out = taken();
  plan_.clear(); // the snapshots are gone: take nothing more
  n_ = 0;
  return out;
}

} // namespace nnlab
