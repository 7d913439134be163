#pragma once

#include <armadillo>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/train/observer.hpp"
#include "nnlab/train/train_settings.hpp"

namespace nnlab {

/// Weights taken during training, for a movie of it: column j of `params` is Mlp::params()
/// (W1 column-major, b1, W2, ...) after `iterations[j]` updates (0: the initial weights).
/// Iterations increase strictly.
struct RunSnapshots {
  std::vector<arma::uword> iterations;
  arma::mat params; ///< n_params x iterations.size()

  bool empty() const { return iterations.empty(); }
};

/// The iterations whose weights a run with `settings` (iterations resolved) snapshots:
/// - training.snapshots K: K iterations from 0 to the last N, spaced evenly on a log scale
///   of 1 + iteration (dense early, where the surface changes most): round((N + 1)^(j / (K -
///   1))) - 1 for j = 0..K-1, each moved up to one past the one before so that they are
///   distinct (every iteration 0..N when K > N);
/// - training.snapshot_every E: 0, E, 2E, ... and the last iteration N;
/// - neither: none.
NNLAB_EXPORT std::vector<arma::uword> snapshot_iterations(const TrainSettings& settings);

/// How many snapshots a run with `settings` stores at most (snapshot_iterations' size): a
/// run's snapshots take this times n_params doubles.
NNLAB_EXPORT arma::uword snapshot_count(const TrainSettings& settings);

/// Takes the snapshots of snapshot_iterations() into a matrix sized up front: the initial
/// weights by start(), each later one after its update (after_step), nothing allocated
/// while training. A run that stops early (early stopping, divergence) gets its final
/// weights as one more snapshot from finish(), in a column the plan had left for an
/// iteration never reached, so a run never stores more than snapshot_count().
class NNLAB_EXPORT SnapshotRecorder final : public TrainObserver {
public:
  SnapshotRecorder(const TrainSettings& settings, arma::uword n_params);

  /// Whether the run takes any snapshot.
  bool active() const { return !plan_.empty(); }
  /// The initial weights: iteration 0, when planned.
  void start(const Mlp& mlp);
  bool on_iteration(const IterationStats&) override { return false; }
  bool after_step(arma::uword iteration, const Mlp& mlp, const Optimizer& optimizer) override;
  /// The final weights (after the last update seen), when the plan has no snapshot of them.
  void finish(const Mlp& mlp);

  /// Copies of the snapshots taken so far (for checkpoints).
  RunSnapshots taken() const;
  /// Starts over from a checkpoint's snapshots, as if taken, for a run resumed after
  /// `iteration` updates; throws std::invalid_argument unless they are exactly the plan's
  /// iterations up to that one, with n_params rows.
  void restore(const RunSnapshots& taken, arma::uword iteration);
  /// The snapshots, trimmed to those taken.
  RunSnapshots take();

private:
  void take_column(arma::uword iteration, const Mlp& mlp);

  std::vector<arma::uword> plan_;
  RunSnapshots snapshots_; ///< every column allocated; n_ of them taken
  arma::uword n_ = 0;
  arma::uword updates_ = 0; ///< the last update seen
};

} // namespace nnlab
