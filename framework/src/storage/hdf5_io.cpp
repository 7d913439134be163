#include "hdf5_io.hpp"

#include <algorithm>
#include <atomic>
#include <string_view>
#include <system_error>
#include <utility>

namespace nnlab::hdf5 {

namespace {

// HDF5's C++ exceptions only name the failed call ("H5Fopen failed"); the reason is on its
// error stack, which it prints to stderr by default. While a QuietErrors lives nothing is
// printed and the most specific description of the last failure is kept for our message.
thread_local std::string last_hdf5_reason;

herr_t keep_most_specific(unsigned n, const H5E_error2_t* entry, void* reason) {
  if (n == 0 && entry->desc != nullptr) *static_cast<std::string*>(reason) = entry->desc;
  return 0;
}

/// System-call failures come as "file read failed: time = ..., filename = ..., errno = 21,
/// error message = 'Is a directory', buf = ..."; keep the head and the system's message.
std::string shorten(std::string reason) {
  std::replace(reason.begin(), reason.end(), '\n', ' ');
  const std::string_view marker = "error message = '";
  const std::size_t at = reason.find(marker);
  if (at == std::string::npos) return reason;
  const std::size_t from = at + marker.size();
  std::string head = reason.substr(0, reason.find_first_of(",:"));
  if (head == "unable to lock file") head += " (another process has it open?)";
  return head + ": " + reason.substr(from, reason.find('\'', from) - from);
}

herr_t remember_reason(hid_t stack, void*) {
  std::string reason;
  H5Ewalk2(stack, H5E_WALK_UPWARD, keep_most_specific, &reason);
  last_hdf5_reason = shorten(std::move(reason));
  return 0;
}

void write_attribute(const H5::H5Object& object, const char* name, const H5::DataType& file_type,
                     const H5::DataType& memory_type, const void* value) {
  if (object.attrExists(name)) object.removeAttr(name);
  object.createAttribute(name, file_type, H5::DataSpace(H5S_SCALAR)).write(memory_type, value);
}

H5::Attribute open_attribute(const H5::H5Object& object, const char* name) {
  if (!object.attrExists(name)) throw BadLayout(std::string("no attribute '") + name + "'");
  return object.openAttribute(name);
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
}

herr_t collect_attribute(hid_t, const char* name, const H5A_info_t*, void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
}

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

} // namespace

// --- errors ------------------------------------------------------------------------------
QuietErrors::QuietErrors() {
  H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_);
  H5Eset_auto2(H5E_DEFAULT, remember_reason, nullptr);
  last_hdf5_reason.clear();
}

QuietErrors::~QuietErrors() {
  H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_);
}

const std::string& last_reason() {
  return last_hdf5_reason;
}

// --- scalar attributes -------------------------------------------------------------------
void write_string(const H5::H5Object& object, const char* name, const std::string& value) {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  const char* text = value.c_str(); // a variable-length string is written as its char*
  write_attribute(object, name, type, type, &text);
}

void write_uint(const H5::H5Object& object, const char* name, std::uint64_t value) {
  write_attribute(object, name, H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, &value);
}

void write_int(const H5::H5Object& object, const char* name, std::int64_t value) {
  write_attribute(object, name, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64, &value);
}

void write_double(const H5::H5Object& object, const char* name, double value) {
  write_attribute(object, name, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, &value);
}

std::vector<std::string> attribute_names(const H5::H5Object& object) {
  std::vector<std::string> names;
  check(H5Aiterate2(object.getId(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_attribute, &names),
        "H5Aiterate2");
  std::sort(names.begin(), names.end()); // byte order, whatever the index gave
  return names;
}

bool is_string_attribute(const H5::H5Object& object, const char* name) {
  return object.attrExists(name) && object.openAttribute(name).getTypeClass() == H5T_STRING;
}

std::string read_string(const H5::H5Object& object, const char* name) {
  const H5::Attribute attribute = open_attribute(object, name);
  if (attribute.getTypeClass() != H5T_STRING)
    throw BadLayout(std::string("attribute '") + name + "' is not a string");
  std::string value;
  attribute.read(attribute.getStrType(), value);
  return value;
}

std::uint64_t read_uint(const H5::H5Object& object, const char* name) {
  std::uint64_t value = 0;
  open_attribute(object, name).read(H5::PredType::NATIVE_UINT64, &value);
  return value;
}

double read_double(const H5::H5Object& object, const char* name) {
  double value = 0;
  open_attribute(object, name).read(H5::PredType::NATIVE_DOUBLE, &value);
  return value;
}

// --- float64 datasets --------------------------------------------------------------------
void write_array(const H5::Group& group, const char* name, const arma::mat& values, int rank) {
  const hsize_t dims[2] = {values.n_rows, values.n_cols};
  const H5::DataSet dataset =
      group.createDataSet(name, H5::PredType::IEEE_F64LE, H5::DataSpace(rank, dims));
  if (values.is_empty()) return; // a zero-length dataset has nothing to write
  const arma::mat row_major = values.t();
  dataset.write(row_major.memptr(), H5::PredType::NATIVE_DOUBLE);
}

arma::mat read_array(const H5::Group& group, const char* name, int rank) {
  if (!group.nameExists(name)) throw BadLayout(std::string("no dataset '") + name + "'");
  const H5::DataSet dataset = group.openDataSet(name);
  const H5::DataSpace space = dataset.getSpace();
  if (space.getSimpleExtentNdims() != rank)
    throw BadLayout(std::string("dataset '") + name + "' is not " + std::to_string(rank) + "-D");
  hsize_t dims[2] = {0, 1};
  space.getSimpleExtentDims(dims);
  arma::mat transposed(dims[1], dims[0]); // the row-major buffer, seen column-major
  if (!transposed.is_empty()) dataset.read(transposed.memptr(), H5::PredType::NATIVE_DOUBLE);
  return transposed.t();
}

// --- string datasets ---------------------------------------------------------------------
void write_strings(const H5::Group& group, const char* name,
                   const std::vector<std::string>& values) {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  const hsize_t dims[1] = {values.size()};
  const H5::DataSet dataset = group.createDataSet(name, type, H5::DataSpace(1, dims));
  if (values.empty()) return;
  std::vector<const char*> texts; // a variable-length string is written as its char*
  for (const std::string& value : values)
    texts.push_back(value.c_str());
  dataset.write(texts.data(), type);
}

std::vector<std::string> read_strings(const H5::Group& group, const char* name) {
  if (!group.nameExists(name)) throw BadLayout(std::string("no dataset '") + name + "'");
  const H5::DataSet dataset = group.openDataSet(name);
  const H5::DataSpace space = dataset.getSpace();
  if (dataset.getTypeClass() != H5T_STRING || !dataset.getStrType().isVariableStr() ||
      space.getSimpleExtentNdims() != 1)
    throw BadLayout(std::string("dataset '") + name +
                    "' is not a 1-D dataset of variable-length strings");
  hsize_t n = 0;
  space.getSimpleExtentDims(&n);
  std::vector<char*> texts(n, nullptr);
  if (n == 0) return {};
  const H5::StrType type = dataset.getStrType();
  dataset.read(texts.data(), type);
  std::vector<std::string> values;
  for (const char* text : texts)
    values.emplace_back(text != nullptr ? text : ""); // HDF5 reads a null string as nullptr
  // The library allocated each string; give them back before anything can throw.
  check(H5Dvlen_reclaim(type.getId(), space.getId(), H5P_DEFAULT, texts.data()), "H5Dvlen_reclaim");
  return values;
}

// --- groups ------------------------------------------------------------------------------
std::vector<std::string> link_names(const H5::Group& group, H5_index_t index) {
  std::vector<std::string> names;
  check(H5Literate(group.getId(), index, H5_ITER_INC, nullptr, collect_name, &names), "H5Literate");
  return names;
}

H5::Group create_ordered_group(const H5::Group& parent, const char* name) {
  const hid_t plist = H5Pcreate(H5P_GROUP_CREATE);
  check(plist, "H5Pcreate");
  const herr_t status =
      H5Pset_link_creation_order(plist, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  const hid_t id = status < 0 ? H5I_INVALID_HID
                              : H5Gcreate2(parent.getId(), name, H5P_DEFAULT, plist, H5P_DEFAULT);
  H5Pclose(plist);
  check(id, "H5Gcreate2");
  check(H5Gclose(id), "H5Gclose");
  return parent.openGroup(name);
}

// --- the store's files -------------------------------------------------------------------
std::string image_name() {
  static std::atomic<std::uint64_t> images{0};
  return "image-" + std::to_string(images++) + ".h5";
}

void limit_metadata_cache(const H5::H5File& file) {
  H5AC_cache_config_t config{};
  config.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  check(H5Fget_mdc_config(file.getId(), &config), "H5Fget_mdc_config");
  config.set_initial_size = true;
  config.initial_size = config.min_size = config.max_size = 2u << 20;
  config.incr_mode = H5C_incr__off;
  config.flash_incr_mode = H5C_flash_incr__off;
  config.decr_mode = H5C_decr__off;
  check(H5Fset_mdc_config(file.getId(), &config), "H5Fset_mdc_config");
}

std::vector<char> file_image(const std::function<void(H5::H5File&)>& fill) {
  H5::FileAccPropList access;
  check(H5Pset_fapl_core(access.getId(), 64 * 1024, false), "H5Pset_fapl_core"); // never on disk
  H5::H5File file(image_name(), H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, access);
  fill(file);
  file.flush(H5F_SCOPE_GLOBAL);
  const ssize_t size = H5Fget_file_image(file.getId(), nullptr, 0);
  check(size, "H5Fget_file_image");
  std::vector<char> bytes(static_cast<std::size_t>(size));
  check(H5Fget_file_image(file.getId(), bytes.data(), bytes.size()), "H5Fget_file_image");
  return bytes;
}

H5::H5File open_store_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    throw StorageError(file.string() + ": cannot open: no such file");
  const htri_t is_hdf5 = H5Fis_hdf5(file.c_str()); // reads the signature only
  check(is_hdf5, "H5Fis_hdf5");
  if (is_hdf5 == 0) throw StorageError(file.string() + ": not an nnlab store (not an HDF5 file)");
  H5::H5File h5(file.string(), H5F_ACC_RDONLY);
  check_store_root(file, h5);
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
  write_string(run, "label", record.label);
  write_uint(run, "index", record.index);
  for (const SeriesSpec& series : stored_series())
    write_array(run, series.name, record.series.*series.recorded, 1);
  const H5::Group weights = create_ordered_group(run, "weights");
  for (const auto& [name, values] : record.weights)
    write_array(weights, name.c_str(), values, 2);
  write_strings(run, "class_names", record.class_names);
  write_strings(run, "feature_names", record.feature_names);
}

RunRecord read_run_group(const H5::Group& runs, const std::string& id) {
  const H5::Group run = runs.openGroup(id);
  RunRecord record;
  record.id = id;
  record.index = read_uint(run, "index");
  record.seed = read_uint(run, "seed");
  record.config_yaml = read_string(run, "config");
  record.label = read_string(run, "label");
  const std::string status = read_string(run, "status");
  const auto parsed = run_status_from(status);
  if (!parsed) throw BadLayout("status '" + status + "' is not done, diverged or failed");
  record.status = *parsed;
  record.message = read_string(run, "message");
  record.wall_time_s = read_double(run, "wall_time_s");
  record.iterations_done = read_uint(run, "iterations");
  // Added to the layout later: a store written before has none of them.
  if (run.attrExists("start_time")) record.start_time = read_string(run, "start_time");
  if (run.attrExists("end_time")) record.end_time = read_string(run, "end_time");
  if (run.attrExists("best_iteration")) record.best_iteration = read_uint(run, "best_iteration");
  for (const SeriesSpec& series : stored_series())
    record.series.*series.recorded = read_array(run, series.name, 1);
  // Added to the layout later, like the attributes above.
  if (run.nameExists("class_names")) record.class_names = read_strings(run, "class_names");
  if (run.nameExists("feature_names")) record.feature_names = read_strings(run, "feature_names");
  if (run.nameExists("weights")) {
    const H5::Group weights = run.openGroup("weights");
    for (const std::string& name : link_names(weights, H5_INDEX_CRT_ORDER))
      record.weights.emplace_back(name, read_array(weights, name.c_str(), 2));
  }
  return record;
}

} // namespace nnlab::hdf5
