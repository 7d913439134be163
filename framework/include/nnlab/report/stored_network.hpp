#pragma once

#include <armadillo>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "nnlab/config/run_config.hpp"
#include "nnlab/core/scaler.hpp"
#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// A stored run's trained network, as `runner predict` applies it to new data and
/// `runner export` writes it out: the network with the run's final weights, the
/// standardisation its dataset applied, and the names of its inputs and classes.
///
/// outputs() is training's own forward pass: the raw features go through the stored scaler
/// (Scaler::apply, as the dataset did) and then through the panel pass (PanelPass::forward,
/// as every iteration's test pass did), so that the same features give the same bits.
///
/// The weights are those the run stores (after its last update, or restored to the best
/// iteration's), as measured by the run's evaluation: on the run's own data the outputs
/// give its final values (storage/final_value.hpp) exactly.
struct NNLAB_EXPORT StoredNetwork {
  std::string source; ///< "<store>:<id>", for messages and the exported files
  RunRecord record;   ///< the run: identity, config, names, scaler, weights
  RunConfig config;   ///< its config parsed: the loss block, the architecture
  std::unique_ptr<Mlp> mlp;
  /// One per input, in the network's order (x1, x2, ... when the store names none).
  std::vector<std::string> feature_names;
  /// One per class (0, 1, ... when the store names none): 2 for one output, else one per
  /// output.
  std::vector<std::string> class_names;
  /// The column of the class labels in the dataset's files: its `label` key, else "y" (as
  /// `runner export-data` writes it).
  std::string label_column;

  const Scaler& scaler() const { return record.scaler; }
  /// a_L for raw features X (inputs x m, rows in feature_names' order): outputs x m.
  /// Throws std::invalid_argument when X has another number of rows.
  arma::mat outputs(arma::mat X) const;
};

/// Reads the run `run` of `store` (a run id, a unique prefix of one, or a run number, as
/// resolve_run takes them). Every problem is a ConfigError naming the store: it cannot be
/// read, no such run, or the run has no network to apply (failed or diverged, or weights
/// that do not fit its config).
NNLAB_EXPORT StoredNetwork read_stored_network(const std::filesystem::path& store,
                                               const std::string& run);

} // namespace nnlab
