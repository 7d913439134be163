#pragma once

#include <armadillo>
#include <atomic>
#include <filesystem>
#include <optional>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/plugin/optimizer.hpp"
#include "nnlab/train/early_stopping.hpp"
#include "nnlab/train/observer.hpp"
#include "nnlab/train/series_recorder.hpp"
#include "nnlab/train/snapshots.hpp"
#include "nnlab/train/train_settings.hpp"

namespace nnlab {

class Rng;

/// A run's state after some iteration's update: what it takes to continue it bit for bit.
/// As an HDF5 file: root attributes format = "nnlab checkpoint", version = 1, run_id,
/// iteration, rng_state; datasets /params [n_params], /optimizer/<name> [n] (in the
/// order of Optimizer::state()), /series/<name> [iteration] for every series of
/// stored_series() the run records (cost_valid and accuracy_valid only with a validation
/// set); with early stopping, group /early_stopping with attributes best_value,
/// best_iteration, since_best and, with restore_best, dataset best_params [n_params]; with
/// snapshots, group /snapshots with datasets iterations [n] and params [n_params x n]
/// (those taken so far).
struct Checkpoint {
  std::string run_id;
  arma::uword iteration = 0; ///< iterations done, the update of the last one included
  arma::vec params;          ///< Mlp::params() after that update
  OptimizerState optimizer;  ///< Optimizer::state() after that update
  std::string rng;           ///< Rng::state()
  RunSeries series;          ///< the first `iteration` values of each series
  std::optional<EarlyStoppingState> early_stopping;
  RunSnapshots snapshots; ///< the snapshots taken by then (snapshots.hpp)
};

/// <dir>/<run id>.h5
NNLAB_EXPORT std::filesystem::path checkpoint_file(const std::filesystem::path& dir,
                                                   const std::string& run_id);

/// Writes `checkpoint` to <file>.tmp, flushes and fsyncs it, renames it over `file` and
/// fsyncs the folder (created if missing): a kill at any moment leaves the previous
/// checkpoint or this one, whole. Throws StorageError naming the file.
NNLAB_EXPORT void write_checkpoint(const std::filesystem::path& file, const Checkpoint& checkpoint);

/// Reads a checkpoint written by write_checkpoint(). Throws StorageError naming the file
/// when it cannot be read, is not a checkpoint or is inconsistent.
NNLAB_EXPORT Checkpoint read_checkpoint(const std::filesystem::path& file);

/// Throws StorageError naming `file` unless `checkpoint` belongs to run `run_id` with
/// n_params parameters and fits `settings` (iterations, early stopping or not, best
/// parameters kept exactly when early_stopping.restore_best).
NNLAB_EXPORT void check_checkpoint(const std::filesystem::path& file, const Checkpoint& checkpoint,
                                   const std::string& run_id, arma::uword n_params,
                                   const TrainSettings& settings);

/// Removes `file` and a <file>.tmp left by a kill. Never throws: a checkpoint that stays
/// behind only makes a rerun resume to the same result.
NNLAB_EXPORT void remove_checkpoint(const std::filesystem::path& file) noexcept;

/// Which run is saved where, how often, and when to stop.
struct CheckpointPlan {
  std::filesystem::path file;
  std::string run_id;
  arma::uword every = 1; ///< 0: only when stopped
  /// Once set (a SIGINT), the next update is saved and training stops there.
  const std::atomic<bool>* stop = nullptr;
  /// > 0: the update of this iteration is saved and training pauses there (a rung of
  /// successive halving); the run continues from that checkpoint bit for bit.
  arma::uword pause_at = 0;
};

/// Writes a checkpoint after every plan.every-th update (TrainObserver::after_step), and
/// after the first update that sees plan.stop set, then stopping training: the
/// parameters and optimizer state from the trainer, the series, the Rng state, the
/// early-stopping state and the snapshots from the objects given, which must outlive it
/// (and be observers before it). Between checkpoints it does and allocates nothing but
/// read the stop flag.
class NNLAB_EXPORT CheckpointWriter final : public TrainObserver {
public:
  CheckpointWriter(CheckpointPlan plan, const SeriesRecorder& series, const Rng& rng,
                   const EarlyStopping* early_stopping = nullptr,
                   const SnapshotRecorder* snapshots = nullptr);
  bool on_iteration(const IterationStats&) override { return false; }
  bool after_step(arma::uword iteration, const Mlp& mlp, const Optimizer& optimizer) override;
  /// How many checkpoints it has written.
  arma::uword written() const { return written_; }
  /// The iteration it stopped training at because of plan.stop (0: it did not).
  arma::uword stopped_at() const { return stopped_at_; }
  /// The iteration it paused training at because of plan.pause_at (0: it did not).
  arma::uword paused_at() const { return paused_at_; }

private:
  CheckpointPlan plan_;
  const SeriesRecorder& series_;
  const Rng& rng_;
  const EarlyStopping* early_stopping_;
  const SnapshotRecorder* snapshots_;
  arma::uword written_ = 0;
  arma::uword stopped_at_ = 0;
  arma::uword paused_at_ = 0;
};

} // namespace nnlab
