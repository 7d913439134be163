#include "nnlab/train/checkpoint.hpp"

#include <array>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <H5Cpp.h>

#include "io/durable_file.hpp"
#include "io/hdf5_io.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/model/mlp.hpp"

namespace nnlab {
namespace fs = std::filesystem;

namespace {

constexpr const char* format_name = "nnlab checkpoint";
constexpr std::uint64_t format_version = 1;

void fill(H5::H5File& h5, const Checkpoint& checkpoint) {
  hdf5::write_string(h5, "format", format_name);
  hdf5::write_uint(h5, "version", format_version);
  hdf5::write_string(h5, "run_id", checkpoint.run_id);
  hdf5::write_uint(h5, "iteration", checkpoint.iteration);
  hdf5::write_string(h5, "rng_state", checkpoint.rng);
  hdf5::write_array(h5, "params", checkpoint.params, 1);
  const H5::Group optimizer = hdf5::create_ordered_group(h5, "optimizer");
  for (const auto& [name, values] : checkpoint.optimizer) {
    if (name.empty() || name.starts_with('.') || name.find('/') != std::string::npos)
      throw hdf5::BadLayout("optimizer state name '" + name + "' is not an HDF5 name");
    hdf5::write_array(optimizer, name.c_str(), values, 1);
  }
  const H5::Group series = h5.createGroup("series");
  for (const SeriesSpec& row : stored_series()) {
    const arma::vec& values = checkpoint.series.*row.recorded;
    if (!row.validation || !values.is_empty()) hdf5::write_array(series, row.name, values, 1);
  }
  if (const auto& state = checkpoint.early_stopping) {
    const H5::Group stopping = h5.createGroup("early_stopping");
    hdf5::write_double(stopping, "best_value", state->best_value);
    hdf5::write_uint(stopping, "best_iteration", state->best_iteration);
    hdf5::write_uint(stopping, "since_best", state->since_best);
    if (!state->best_params.is_empty())
      hdf5::write_array(stopping, "best_params", state->best_params, 1);
  }
  if (const RunSnapshots& taken = checkpoint.snapshots; !taken.empty()) {
    const H5::Group snapshots = h5.createGroup("snapshots");
    const std::vector<double> iterations(taken.iterations.begin(), taken.iterations.end());
    hdf5::write_array(snapshots, "iterations", arma::vec(iterations), 1);
    hdf5::write_array(snapshots, "params", taken.params, 2);
  }
}

Checkpoint parse(const H5::H5File& h5) {
  if (!h5.attrExists("format") || hdf5::read_string(h5, "format") != format_name)
    throw hdf5::BadLayout("not an nnlab checkpoint");
  if (const auto version = hdf5::read_uint(h5, "version"); version != format_version)
    throw hdf5::BadLayout("checkpoint format version " + std::to_string(version) +
                          ", this nnlab reads " + std::to_string(format_version));
  Checkpoint checkpoint;
  checkpoint.run_id = hdf5::read_string(h5, "run_id");
  checkpoint.iteration = hdf5::read_uint(h5, "iteration");
  checkpoint.rng = hdf5::read_string(h5, "rng_state");
  checkpoint.params = hdf5::read_array(h5, "params", 1);
  const H5::Group optimizer = h5.openGroup("optimizer");
  for (const std::string& name : hdf5::link_names(optimizer, H5_INDEX_CRT_ORDER))
    checkpoint.optimizer.emplace_back(name, hdf5::read_array(optimizer, name.c_str(), 1));
  const H5::Group series = h5.openGroup("series");
  for (const SeriesSpec& row : stored_series()) {
    arma::vec& values = checkpoint.series.*row.recorded;
    if (row.validation && !series.nameExists(row.name)) continue; // a run without validation
    values = hdf5::read_array(series, row.name, 1);
    if (values.n_elem != checkpoint.iteration)
      throw hdf5::BadLayout(std::string("series ") + row.name + " holds " +
                            std::to_string(values.n_elem) + " values for iteration " +
                            std::to_string(checkpoint.iteration));
  }
  if (h5.nameExists("early_stopping")) {
    const H5::Group stopping = h5.openGroup("early_stopping");
    checkpoint.early_stopping = EarlyStoppingState{hdf5::read_double(stopping, "best_value"),
                                                   hdf5::read_uint(stopping, "best_iteration"),
                                                   hdf5::read_uint(stopping, "since_best"),
                                                   {}};
    if (stopping.nameExists("best_params"))
      checkpoint.early_stopping->best_params = hdf5::read_array(stopping, "best_params", 1);
  }
  if (h5.nameExists("snapshots")) {
    const H5::Group snapshots = h5.openGroup("snapshots");
    const arma::vec iterations = hdf5::read_array(snapshots, "iterations", 1);
    for (const double t : iterations)
      checkpoint.snapshots.iterations.push_back(static_cast<arma::uword>(t));
    checkpoint.snapshots.params = hdf5::read_array(snapshots, "params", 2);
    if (checkpoint.snapshots.params.n_cols != iterations.n_elem)
      throw hdf5::BadLayout("snapshots hold " + std::to_string(iterations.n_elem) +
                            " iterations and " +
                            std::to_string(checkpoint.snapshots.params.n_cols) + " parameter sets");
  }
  return checkpoint;
}

} // namespace

fs::path checkpoint_file(const fs::path& dir, const std::string& run_id) {
  return dir / (run_id + ".h5");
}

void write_checkpoint(const fs::path& file, const Checkpoint& checkpoint) {
  const fs::path tmp = fs::path(file) += ".tmp";
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw StorageError(file.string() + ": cannot create folder: " + ec.message());
  try {
    // Built in memory, then written plainly: a full disk fails the write, not HDF5.
    const std::vector<char> image = hdf5::guarded(file, "cannot write checkpoint", [&] {
      return hdf5::file_image([&](H5::H5File& h5) { fill(h5, checkpoint); });
    });
    write_file(tmp, image);
    commit_file(tmp, file);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
}

Checkpoint read_checkpoint(const fs::path& file) {
  return hdf5::guarded(file, "cannot read checkpoint", [&] {
    H5::H5File h5(file.string(), H5F_ACC_RDONLY);
    Checkpoint checkpoint = parse(h5);
    h5.close();
    return checkpoint;
  });
}

void check_checkpoint(const fs::path& file, const Checkpoint& checkpoint, const std::string& run_id,
                      arma::uword n_params, const TrainSettings& settings) {
  const auto refuse = [&](const std::string& why) {
    throw StorageError(file.string() + ": checkpoint does not fit run " + run_id + ": " + why +
                       " (delete the file to start the run over)");
  };
  if (checkpoint.run_id != run_id) refuse("it belongs to run " + checkpoint.run_id);
  if (checkpoint.params.n_elem != n_params)
    refuse("it holds " + std::to_string(checkpoint.params.n_elem) + " parameters, the network " +
           std::to_string(n_params));
  if (checkpoint.iteration < 1 || checkpoint.iteration > settings.iterations)
    refuse("it is at iteration " + std::to_string(checkpoint.iteration) + " of " +
           std::to_string(settings.iterations));
  if (checkpoint.early_stopping.has_value() != settings.early_stopping.has_value())
    refuse(checkpoint.early_stopping ? "it has early stopping, the run not"
                                     : "it has no early stopping, the run has");
  if (checkpoint.early_stopping) {
    const bool keeps_best = settings.early_stopping->restore_best;
    const arma::uword kept = checkpoint.early_stopping->best_params.n_elem;
    if (kept != (keeps_best ? n_params : 0))
      refuse(keeps_best ? "it has not kept the best iteration's " + std::to_string(n_params) +
                              " parameters (early_stopping.restore_best)"
                        : "it keeps best parameters, the run does not restore them");
  }
}

void remove_checkpoint(const fs::path& file) noexcept {
  std::error_code ec;
  fs::remove(file, ec);
  fs::remove(fs::path(file) += ".tmp", ec);
}

CheckpointWriter::CheckpointWriter(CheckpointPlan plan, const SeriesRecorder& series,
                                   const Rng& rng, const EarlyStopping* early_stopping,
                                   const SnapshotRecorder* snapshots)
    : plan_(std::move(plan)), series_(series), rng_(rng), early_stopping_(early_stopping),
      snapshots_(snapshots) {
  if (plan_.every < 1 && !plan_.stop && plan_.pause_at == 0)
    throw std::invalid_argument(
        "CheckpointWriter: every must be at least 1 without a stop flag or a pause");
}

bool CheckpointWriter::after_step(arma::uword iteration, const Mlp& mlp,
                                  const Optimizer& optimizer) {
  const bool stopping = plan_.stop && plan_.stop->load(std::memory_order_relaxed);
  const bool pausing = plan_.pause_at > 0 && iteration == plan_.pause_at;
  if (!stopping && !pausing && (plan_.every == 0 || iteration % plan_.every != 0)) return false;
  Checkpoint checkpoint;
  checkpoint.run_id = plan_.run_id;
  checkpoint.iteration = iteration;
  checkpoint.params = mlp.params();
  checkpoint.optimizer = optimizer.state();
  checkpoint.rng = rng_.state();
  checkpoint.series = series_.recorded();
  if (early_stopping_) checkpoint.early_stopping = early_stopping_->state();
  if (snapshots_) checkpoint.snapshots = snapshots_->taken();
  write_checkpoint(plan_.file, checkpoint);
  ++written_;
  if (stopping)
    stopped_at_ = iteration;
  else if (pausing)
    paused_at_ = iteration;
  return stopping || pausing;
}

} // namespace nnlab
