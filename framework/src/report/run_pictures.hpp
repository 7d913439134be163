#pragma once

// Private to report/: what the plot driver (store_plots.cpp) draws of one stored run
// besides its cost curve.

#include <filesystem>
#include <functional>
#include <string>

#include "nnlab/report/store_plots.hpp"
#include "nnlab/report/stored_runs.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

/// The pictures of one run, as far as options.kinds asks (all that apply when empty):
/// - confusion-<id>, roc-<id>: from its stored evaluation (roc for binary tasks);
/// - network-<id>: its stored weights and biases (layers of at most 64 units);
/// - decision-<id>, neurons-<id>: for 2-D data, the stored weights over the data that
///   `load_data` loads from the run's stored config;
/// - movie-<id>.gif: for 2-D data, its stored snapshots (training.snapshots).
/// A kind that does not apply is left out with a note saying why (`note`).
class RunPictures {
public:
  RunPictures(const RunStore& store, PlotRenderer& renderer, const StorePlotOptions& options,
              const DataLoader& load_data, std::filesystem::path exp_dir,
              std::function<void(const std::string&)> note);

  /// Draws the pictures of `run` (its series loaded), each titled with `title`.
  void draw(const StoredRun& run, const std::string& title);

private:
  bool wanted(const std::string& kind) const;
  void draw_evaluation(const RunRecord& record, const std::string& title);
  void draw_weights(const StoredRun& run, const std::string& title);

  const RunStore& store_;
  PlotRenderer& renderer_;
  const StorePlotOptions& options_;
  const DataLoader& load_data_;
  std::filesystem::path exp_dir_;
  std::function<void(const std::string&)> note_;
};

} // namespace nnlab
