#include "store_layout.hpp"

#include <system_error>

#include "hash_attributes.hpp"
#include "io/hdf5_io.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/storage/final_value.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab::hdf5 {

namespace {

/// Throws StorageError unless the root is that of a store this nnlab can read.
void check_store_root(const std::filesystem::path& file, const H5::H5File& h5) {
  const auto refuse = [&](const std::string& why) {
    throw StorageError(file.string() + ": not an nnlab store (" + why + ")");
  };
  if (!h5.attrExists("format_version")) refuse("no format_version attribute");
  const H5::Attribute attribute = h5.openAttribute("format_version");
  if (attribute.getTypeClass() != H5T_INTEGER) refuse("format_version is not an integer");
  std::int64_t version = 0;
  attribute.read(H5::PredType::NATIVE_INT64, &version);
  if (version > format_version)
    throw StorageError(file.string() + ": written by a newer nnlab (format " +
                       std::to_string(version) + ", this one reads " +
                       std::to_string(format_version) + ")");
  if (version < 1) refuse("format_version " + std::to_string(version));
  if (!h5.nameExists("runs") || h5.childObjType("runs") != H5O_TYPE_GROUP) refuse("no /runs group");
}

/// scaler/mean and scaler/scale (1-D float64, one per feature), only for a run whose
/// dataset standardised its features.
void write_scaler(const H5::Group& run, const Scaler& scaler) {
  if (scaler.empty()) return;
  const H5::Group group = run.createGroup("scaler");
  write_array(group, "mean", scaler.mean, 1);
  write_array(group, "scale", scaler.scale, 1);
}

/// Absent (no standardisation, or an older store): the identity.
Scaler read_scaler(const H5::Group& run) {
  Scaler scaler;
  if (!run.nameExists("scaler")) return scaler;
  const H5::Group group = run.openGroup("scaler");
  scaler.mean = read_array(group, "mean", 1);
  scaler.scale = read_array(group, "scale", 1);
  if (scaler.mean.n_elem != scaler.scale.n_elem)
    throw BadLayout("scaler: " + std::to_string(scaler.mean.n_elem) + " means but " +
                    std::to_string(scaler.scale.n_elem) + " scales");
  return scaler;
}

RunStatus read_status(const H5::Group& run) {
  const std::string status = read_string(run, "status");
  const auto parsed = run_status_from(status);
  if (!parsed) throw BadLayout("status '" + status + "' is not done, diverged, failed or pruned");
  return *parsed;
}

} // namespace

std::int64_t read_format_version(const H5::H5File& h5) {
  std::int64_t version = 0;
  h5.openAttribute("format_version").read(H5::PredType::NATIVE_INT64, &version);
  return version;
}

// --- the root ------------------------------------------------------------------------------
H5::H5File open_store_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    throw StorageError(file.string() + ": cannot open: no such file");
  const htri_t is_hdf5 = H5Fis_hdf5(file.c_str()); // reads the signature only
  check(is_hdf5, "H5Fis_hdf5");
  if (is_hdf5 == 0) throw StorageError(file.string() + ": not an nnlab store (not an HDF5 file)");
  H5::H5File h5(file.string(), H5F_ACC_RDONLY);
  check_store_root(file, h5);
  // A reader of every run of a big store opens each run's objects once: HDF5's own growth
  // of the metadata cache would keep them all (200 MB for 10,000 runs). 4 MiB holds the
  // /runs group's index and names (1.7 MB for 100,000 runs), which every run's lookup
  // reads: with 2 MiB they were read from the file again for each run (status on 100,000
  // runs: 99 s, 65 of them in the kernel, against 34 s).
  limit_metadata_cache(h5, store_cache_bytes);
  return h5;
}

// --- a run ---------------------------------------------------------------------------------
void write_run_group(const H5::Group& runs, const RunRecord& record) {
  if (runs.nameExists(record.id)) runs.unlink(record.id);
  const H5::Group run = runs.createGroup(record.id);
  write_string(run, "config", record.config_yaml);
  write_uint(run, "seed", record.seed);
  write_string(run, "status", to_string(record.status));
  write_string(run, "message", record.message);
  write_double(run, "wall_time_s", record.wall_time_s);
  write_string(run, "start_time", record.start_time);
  write_string(run, "end_time", record.end_time);
  write_uint(run, "iterations", record.iterations_done);
  write_uint(run, "best_iteration", record.best_iteration);
  if (!record.init_fingerprint.empty())
    write_string(run, "init_fingerprint", record.init_fingerprint);
  if (record.restored_iteration) write_uint(run, "restored_iteration", *record.restored_iteration);
  write_string(run, "label", record.label);
  write_uint(run, "index", record.index);
  for (const SeriesSpec& series : stored_series()) {
    const arma::vec& values = record.series.*series.recorded;
    // A run without a validation set stores no validation series.
    if (!series.validation || !values.is_empty()) write_array(run, series.name, values, 1);
  }
  const H5::Group weights = create_ordered_group(run, "weights");
  for (const auto& [name, values] : record.weights)
    write_array(weights, name.c_str(), values, 2);
  write_strings(run, "class_names", record.class_names);
  write_strings(run, "feature_names", record.feature_names);
  write_scaler(run, record.scaler);
  write_snapshots(run, record);
  write_evaluation(run, record.evaluation);
  write_hash_list(run, "inputs", record.inputs);
  write_hash_list(run, "libraries", record.libraries);
  write_string(run, "precision", record.precision);
}

RunHeader read_run_header(const H5::Group& runs, const std::string& id,
                          std::map<std::string, HashList>& parsed) {
  const H5::Group run = runs.openGroup(id);
  RunHeader header;
  header.id = id;
  header.status = read_status(run);
  header.message = read_string(run, "message");
  header.inputs = read_hash_list(run, "inputs", &parsed);
  header.libraries = read_hash_list(run, "libraries", &parsed);
  return header;
}

namespace {

/// The attributes every reading of a run takes: identity, config, status, times.
void read_run_attributes(const H5::Group& run, RunRecord& record) {
  record.index = read_uint(run, "index");
  record.seed = read_uint(run, "seed");
  record.config_yaml = read_string(run, "config");
  record.label = read_string(run, "label");
  record.status = read_status(run);
  record.message = read_string(run, "message");
  record.wall_time_s = read_double(run, "wall_time_s");
  record.iterations_done = read_uint(run, "iterations");
  // Added to the layout later: a store written before has none of them.
  if (run.attrExists("start_time")) record.start_time = read_string(run, "start_time");
  if (run.attrExists("end_time")) record.end_time = read_string(run, "end_time");
  if (run.attrExists("best_iteration")) record.best_iteration = read_uint(run, "best_iteration");
  if (run.attrExists("precision")) record.precision = read_string(run, "precision");
  if (run.attrExists("init_fingerprint"))
    record.init_fingerprint = read_string(run, "init_fingerprint");
  if (run.attrExists("restored_iteration"))
    record.restored_iteration = read_uint(run, "restored_iteration");
}

/// Whether the run stores `series` (a validation series only with a validation set).
bool stores(const H5::Group& run, const SeriesSpec& series) {
  return !series.validation || run.nameExists(series.name);
}

} // namespace

RunRecord read_run_group(const H5::Group& runs, const std::string& id, RunContent content) {
  const H5::Group run = runs.openGroup(id);
  RunRecord record;
  record.id = id;
  read_run_attributes(run, record);
  for (const SeriesSpec& series : stored_series())
    if (stores(run, series)) record.series.*series.recorded = read_array(run, series.name, 1);
  const bool whole = content == RunContent::whole;
  record.evaluation = read_evaluation(run, whole);
  if (!whole) return record;
  // Added to the layout later, like the attributes above.
  if (run.nameExists("class_names")) record.class_names = read_strings(run, "class_names");
  if (run.nameExists("feature_names")) record.feature_names = read_strings(run, "feature_names");
  record.scaler = read_scaler(run);
  record.inputs = read_hash_list(run, "inputs");
  record.libraries = read_hash_list(run, "libraries");
  if (run.nameExists("weights")) {
    const H5::Group weights = run.openGroup("weights");
    for (const std::string& name : link_names(weights, H5_INDEX_CRT_ORDER))
      record.weights.emplace_back(name, read_array(weights, name.c_str(), 2));
  }
  record.snapshots = read_snapshots(run);
  return record;
}

RunOverview read_run_overview(const H5::Group& runs, const std::string& id) {
  const H5::Group run = runs.openGroup(id);
  RunOverview overview;
  RunRecord& record = overview.record;
  record.id = id;
  read_run_attributes(run, record);
  record.evaluation = read_evaluation(run, false);
  const arma::uword restored = record.restored_iteration.value_or(0);
  for (const SeriesSpec& series : stored_series()) {
    ArrayEnd values; // a series the run does not store is empty
    if (stores(run, series)) values = read_array_end(run, series.name, restored);
    // final_value() asks only for the restored iteration's value or the last.
    const double final_net = final_value(
        record.evaluation.final_value(series.name), values.length, record.restored_iteration,
        [&](arma::uword i) { return i + 1 == restored ? values.at_index : values.last; });
    overview.ends.push_back({values.length, values.last, final_net});
  }
  return overview;
}

} // namespace nnlab::hdf5
