#pragma once

#include <armadillo>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nnlab/core/scaler.hpp"
#include "nnlab/export.hpp"
#include "nnlab/train/evaluation.hpp"
#include "nnlab/train/series.hpp"
#include "nnlab/train/snapshots.hpp"

namespace nnlab {

/// done: trained to its last iteration (or stopped early by early stopping); diverged: its
/// cost turned NaN/inf; failed: a plugin threw or memory ran out; pruned: successive halving
/// stopped it at a rung (its series and weights end there: partial results, not a failure).
enum class RunStatus { done, diverged, failed, pruned };

/// Names with the SHA-256 of what they name (64 hex digits), in a fixed order: a run's
/// files ("../data/xor_train.csv") or libraries ("core", "optimizer/sgd").
using HashList = std::vector<std::pair<std::string, std::string>>;

NNLAB_EXPORT std::string to_string(RunStatus status);
NNLAB_EXPORT std::optional<RunStatus> run_status_from(std::string_view text);
/// How a run is named in lines and tables: "<label> seed=<seed>", or "seed=<seed>" for an
/// experiment without a sweep.
NNLAB_EXPORT std::string run_title(const std::string& label, std::uint64_t seed);

/// Everything stored of one finished run.
struct RunRecord {
  std::string id;
  std::size_t index = 0;
  std::uint64_t seed = 0;
  std::string config_yaml; ///< the resolved config of this run
  std::string label;       ///< the sweep point's label (RunSpec::point_label)
  RunStatus status = RunStatus::done;
  std::string message; ///< why it diverged or failed
  double wall_time_s = 0.0;
  std::string start_time; ///< ISO 8601 UTC
  std::string end_time;   ///< ISO 8601 UTC
  arma::uword iterations_done = 0;
  /// With early stopping: the iteration with the best monitored value (1-based), else 0.
  arma::uword best_iteration = 0;
  /// The initial parameters' params_fingerprint() (16 hex digits): runs with the same seed
  /// and fingerprint started from the same weights (paired). Empty in stores of format 1.
  std::string init_fingerprint{};
  /// With early_stopping.restore_best: the iteration whose weights are stored instead of
  /// the last ones (best_iteration, 1-based). Its series values were measured on exactly
  /// these weights, the parameters after restored_iteration - 1 updates. Unset (no
  /// attribute) when the stored weights are the run's last ones, and in older stores.
  std::optional<arma::uword> restored_iteration{};
  /// The checkpoint iteration this attempt resumed from (0: trained from the start). For
  /// progress lines only: not stored, since a resumed run equals an uninterrupted one.
  arma::uword resumed_from = 0;
  RunSeries series;
  /// "W1", "b1", "W2", ... in the course's shapes (units_l x units_{l-1}; units_l x 1).
  std::vector<std::pair<std::string, arma::mat>> weights;
  /// The dataset's names (DataSplit): class c of the outputs is class_names[c] (e.g. the
  /// csv plugin's label text), input i is feature_names[i]. Empty when not known.
  std::vector<std::string> class_names;
  std::vector<std::string> feature_names;
  /// The standardisation the dataset applied to the features (DataSplit::scaler): new data
  /// goes through it before the network. Empty: none (and in older stores).
  Scaler scaler;
  /// Weights taken during training (training.snapshots, snapshot_every); empty without.
  RunSnapshots snapshots;
  /// The trained network on the test split (and the validation split), computed once
  /// after training; empty for a failed or diverged run, and in older stores.
  Evaluation evaluation;
  /// The SHA-256 of every file the run read (its dataset's files, a weights file), by the
  /// path the experiment wrote (relative to its folder, or absolute); and of the libraries
  /// it ran: "core" (libnnlab) and "<kind>/<name>" for each plugin. Empty when not known
  /// (stores written before they were recorded).
  HashList inputs;
  HashList libraries;
  /// What the run's passes computed in (model.precision): "float64" or "float32". A store
  /// written before the key existed has none: its runs read as float64.
  std::string precision = "float64";
};

} // namespace nnlab
