#include "nnlab/storage/run_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <string_view>
#include <system_error>
#include <utility>

#include <H5Cpp.h>

#include "hdf5_io.hpp"
#include "nnlab/core/error.hpp"

namespace nnlab {
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t format_version = 1;
constexpr std::string_view tmp_prefix = ".tmp-";

constexpr std::pair<const char*, arma::vec RunSeries::*> series_fields[] = {
    {"cost_train", &RunSeries::cost_train},
    {"cost_test", &RunSeries::cost_test},
    {"accuracy_train", &RunSeries::accuracy_train},
    {"accuracy_test", &RunSeries::accuracy_test}};

std::string now_utc_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

bool is_tmp(const std::string& name) {
  return name.starts_with(tmp_prefix);
}

/// A name we accept for a run or a weight: one path component, never ".tmp-..." or ".".
bool is_link_name(const std::string& name) {
  return !name.empty() && !name.starts_with('.') && name.find('/') == std::string::npos;
}

// --- the root ----------------------------------------------------------------------------
StoreHeader read_header(const H5::H5File& h5) {
  return {hdf5::read_string(h5, "experiment_yaml"), hdf5::read_string(h5, "nnlab_version"),
          hdf5::read_string(h5, "created"), {}};
}

/// Checks that an open file is an nnlab store this version can read, without writing.
void check_store(const fs::path& file, const H5::H5File& h5) {
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

/// Opens an existing store. It is first opened read-only and checked, so a file that is
/// refused is left byte-for-byte as it was.
H5::H5File open_existing(const fs::path& file, bool writable) {
  std::error_code ec;
  if (!fs::exists(file, ec)) throw StorageError(file.string() + ": cannot open: no such file");
  return hdf5::guarded(file, "cannot open", [&] {
    const htri_t is_hdf5 = H5Fis_hdf5(file.c_str()); // reads the signature only
    hdf5::check(is_hdf5, "H5Fis_hdf5");
    if (is_hdf5 == 0) throw StorageError(file.string() + ": not an nnlab store (not an HDF5 file)");
    H5::H5File h5(file.string(), H5F_ACC_RDONLY);
    check_store(file, h5);
    if (!writable) return h5;
    h5.close();
    return H5::H5File(file.string(), H5F_ACC_RDWR);
  });
}

} // namespace

struct RunStore::Impl {
  fs::path file;
  H5::H5File h5;
  StoreHeader header;
  bool writable = false;

  Impl(fs::path path, H5::H5File opened, bool can_write)
      : file(std::move(path)), h5(std::move(opened)), writable(can_write) {}
  ~Impl() {
    // Closed here, quietly: H5File's own destructor prints to std::cerr if close fails.
    hdf5::QuietErrors quiet;
    try {
      h5.close();
    } catch (const H5::Exception&) {
    }
  }
};

RunStore::RunStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;
RunStore::~RunStore() = default;

RunStore RunStore::open(const fs::path& file, const StoreHeader& header) {
  std::error_code ec;
  if (fs::exists(file, ec)) {
    auto impl = std::make_unique<Impl>(file, open_existing(file, true), true);
    hdf5::guarded(file, "update header", [&] {
      hdf5::write_string(impl->h5, "experiment_yaml", header.experiment_yaml);
      hdf5::write_string(impl->h5, "nnlab_version", header.nnlab_version);
      // Leftovers of a write that was interrupted: never complete, so never worth keeping.
      const H5::Group runs = impl->h5.openGroup("runs");
      for (const std::string& name : hdf5::link_names(runs, H5_INDEX_NAME))
        if (is_tmp(name)) runs.unlink(name);
      impl->header = read_header(impl->h5);
      impl->h5.flush(H5F_SCOPE_GLOBAL);
    });
    return RunStore(std::move(impl));
  }

  if (file.has_parent_path()) {
    fs::create_directories(file.parent_path(), ec);
    if (ec)
      throw StorageError(file.string() + ": cannot create folder " + file.parent_path().string() +
                         ": " + ec.message());
  }
  // EXCL: a file that appeared meanwhile is never truncated.
  auto impl = hdf5::guarded(file, "cannot create", [&] {
    return std::make_unique<Impl>(file, H5::H5File(file.string(), H5F_ACC_EXCL), true);
  });
  impl->header = header;
  if (impl->header.created.empty()) impl->header.created = now_utc_iso8601();
  try {
    hdf5::guarded(file, "write header", [&] {
      hdf5::write_string(impl->h5, "experiment_yaml", impl->header.experiment_yaml);
      hdf5::write_string(impl->h5, "nnlab_version", impl->header.nnlab_version);
      hdf5::write_string(impl->h5, "created", impl->header.created);
      hdf5::write_int(impl->h5, "format_version", format_version);
      impl->h5.createGroup("runs");
      impl->h5.flush(H5F_SCOPE_GLOBAL);
    });
  } catch (const StorageError&) {
    impl.reset();
    fs::remove(file, ec); // ours and half-made: every later open would refuse it
    throw;
  }
  return RunStore(std::move(impl));
}

RunStore RunStore::open_read_only(const fs::path& file) {
  auto impl = std::make_unique<Impl>(file, open_existing(file, false), false);
  impl->header = hdf5::guarded(file, "read header", [&] { return read_header(impl->h5); });
  return RunStore(std::move(impl));
}

const fs::path& RunStore::file() const {
  return self().file;
}

StoreHeader RunStore::header() const {
  return self().header;
}

std::vector<std::string> RunStore::run_ids() const {
  const Impl& s = self();
  return hdf5::guarded(s.file, "list runs", [&] {
    std::vector<std::string> ids = hdf5::link_names(s.h5.openGroup("runs"), H5_INDEX_NAME);
    std::erase_if(ids, is_tmp);
    std::sort(ids.begin(), ids.end());
    return ids;
  });
}

std::set<std::string> RunStore::completed_run_ids() const {
  const Impl& s = self();
  const std::vector<std::string> ids = run_ids();
  return hdf5::guarded(s.file, "list completed runs", [&] {
    std::set<std::string> completed;
    const H5::Group runs = s.h5.openGroup("runs");
    for (const std::string& id : ids) {
      const H5::Group run = runs.openGroup(id);
      const auto status = run.attrExists("status")
                              ? run_status_from(hdf5::read_string(run, "status"))
                              : std::nullopt;
      if (status == RunStatus::done || status == RunStatus::diverged) completed.insert(id);
    }
    return completed;
  });
}

void RunStore::write_run(const RunRecord& record) {
  Impl& s = self();
  const std::string operation = "write run '" + record.id + "'";
  const auto refuse = [&](const std::string& why) {
    throw StorageError(s.file.string() + ": " + operation + ": " + why);
  };
  if (!s.writable) refuse("the store is open read-only");
  if (!is_link_name(record.id)) refuse("an id must be non-empty, without '/' or a leading '.'");
  for (auto w = record.weights.begin(); w != record.weights.end(); ++w) {
    if (!is_link_name(w->first)) refuse("bad weight name '" + w->first + "'");
    if (std::any_of(record.weights.begin(), w, [&](const auto& v) { return v.first == w->first; }))
      refuse("weight '" + w->first + "' given twice");
  }
  hdf5::guarded(s.file, operation, [&] {
    const H5::Group runs = s.h5.openGroup("runs");
    const std::string tmp = std::string(tmp_prefix) + record.id;
    if (runs.nameExists(tmp)) runs.unlink(tmp);
    {
      const H5::Group run = runs.createGroup(tmp);
      hdf5::write_string(run, "config", record.config_yaml);
      hdf5::write_uint(run, "seed", record.seed);
      hdf5::write_string(run, "status", to_string(record.status));
      hdf5::write_string(run, "message", record.message);
      hdf5::write_double(run, "wall_time_s", record.wall_time_s);
      hdf5::write_uint(run, "iterations", record.iterations_done);
      hdf5::write_string(run, "label", record.label);
      hdf5::write_uint(run, "index", record.index);
      for (const auto& [name, field] : series_fields)
        hdf5::write_array(run, name, record.series.*field, 1);
      const H5::Group weights = hdf5::create_ordered_group(run, "weights");
      for (const auto& [name, values] : record.weights)
        hdf5::write_array(weights, name.c_str(), values, 2);
    }
    // The run appears under its id only once whole.
    if (runs.nameExists(record.id)) runs.unlink(record.id);
    runs.moveLink(tmp, record.id);
    s.h5.flush(H5F_SCOPE_GLOBAL);
  });
}

RunRecord RunStore::read_run(const std::string& id) const {
  const Impl& s = self();
  return hdf5::guarded(s.file, "read run '" + id + "'", [&] {
    const H5::Group runs = s.h5.openGroup("runs");
    if (!is_link_name(id) || !runs.nameExists(id))
      throw StorageError(s.file.string() + ": no run '" + id + "'");
    const H5::Group run = runs.openGroup(id);
    RunRecord record;
    record.id = id;
    record.index = hdf5::read_uint(run, "index");
    record.seed = hdf5::read_uint(run, "seed");
    record.config_yaml = hdf5::read_string(run, "config");
    record.label = hdf5::read_string(run, "label");
    const std::string status = hdf5::read_string(run, "status");
    const auto parsed = run_status_from(status);
    if (!parsed) throw hdf5::BadLayout("status '" + status + "' is not done, diverged or failed");
    record.status = *parsed;
    record.message = hdf5::read_string(run, "message");
    record.wall_time_s = hdf5::read_double(run, "wall_time_s");
    record.iterations_done = hdf5::read_uint(run, "iterations");
    for (const auto& [name, field] : series_fields)
      record.series.*field = hdf5::read_array(run, name, 1);
    if (run.nameExists("weights")) {
      const H5::Group weights = run.openGroup("weights");
      for (const std::string& name : hdf5::link_names(weights, H5_INDEX_CRT_ORDER))
        record.weights.emplace_back(name, hdf5::read_array(weights, name.c_str(), 2));
    }
    return record;
  });
}

RunStore::Impl& RunStore::self() const {
  if (!impl_) throw StorageError("RunStore: used after being moved from");
  return *impl_;
}

} // namespace nnlab
