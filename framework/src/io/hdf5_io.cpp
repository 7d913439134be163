#include "hdf5_io.hpp"

#include <algorithm>
#include <atomic>
#include <string_view>
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

/// A damaged or crafted file can claim far more values than it holds, and reading them
/// allocates the claim first (2^59 doubles from a file of 13 KB). Refuses a claim of
/// `count` values of at least `bytes_each` bytes that the file's size cannot hold: stored
/// as they are, or compressed, deflate giving at most about 1,032 bytes for one; and one
/// stored in one piece that holds fewer bytes than its values need.
void check_claim(const H5::DataSet& dataset, hsize_t count, std::size_t bytes_each,
                 const std::string& what) {
  const hid_t file = H5Iget_file_id(dataset.getId());
  check(file, "H5Iget_file_id");
  hsize_t size = 0;
  const herr_t status = H5Fget_filesize(file, &size);
  H5Fclose(file);
  check(status, "H5Fget_filesize");
  const H5::DSetCreatPropList plist = dataset.getCreatePlist();
  const hsize_t ratio = plist.getNfilters() > 0 ? 1100 : 1;
  if (count > size / std::max<std::size_t>(bytes_each, 1) * ratio)
    throw BadLayout(what + " claims " + std::to_string(count) + " values, more than a file of " +
                    std::to_string(size) + " bytes can hold");
  // Stored in one piece (contiguous or compact), its bytes are all there once allocated;
  // fewer would make the library read past them.
  const hsize_t stored = dataset.getStorageSize();
  if (plist.getLayout() != H5D_CHUNKED && stored != 0 && stored < count * bytes_each)
    throw BadLayout(what + " claims " + std::to_string(count) + " values of " +
                    std::to_string(bytes_each) + " bytes but holds " + std::to_string(stored) +
                    " bytes");
}

/// "2 x 3 x 4": a dataset's dimensions.
std::string dims_text(int rank, const hsize_t* dims) {
  std::string text;
  for (int i = 0; i < rank; ++i)
    text += (i ? " x " : "") + std::to_string(dims[i]);
  return text;
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
}

herr_t collect_attribute(hid_t, const char* name, const H5A_info_t*, void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
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

// --- arrays of numbers -------------------------------------------------------------------
void write_array(const H5::Group& group, const char* name, const arma::mat& values, int rank) {
  const hsize_t dims[2] = {values.n_rows, values.n_cols};
  const H5::DataSet dataset =
      group.createDataSet(name, H5::PredType::IEEE_F64LE, H5::DataSpace(rank, dims));
  if (values.is_empty()) return; // a zero-length dataset has nothing to write
  const arma::mat row_major = values.t();
  dataset.write(row_major.memptr(), H5::PredType::NATIVE_DOUBLE);
}

arma::mat NumberArray::matrix() const {
  // The row-major values seen column-major are the transpose.
  return rank == 1 ? arma::mat(values) : arma::mat(arma::reshape(values, cols, rows).t());
}

NumberArray read_numbers(const H5::Group& group, const std::string& name, const std::string& what,
                         const std::string& expected) {
  const H5::DataSet dataset = group.openDataSet(name);
  const H5T_class_t type = dataset.getTypeClass();
  if (type != H5T_FLOAT && type != H5T_INTEGER)
    throw BadLayout(what + " is not an array of numbers");
  const H5::DataSpace space = dataset.getSpace();
  const int rank = space.getSimpleExtentNdims();
  hsize_t dims[H5S_MAX_RANK] = {};
  space.getSimpleExtentDims(dims);
  if (rank < 1 || rank > 2)
    throw BadLayout(what + " is " + (rank < 1 ? std::string("a scalar") : dims_text(rank, dims)) +
                    "; expected " + expected);
  check_claim(dataset, static_cast<hsize_t>(space.getSimpleExtentNpoints()),
              dataset.getDataType().getSize(), what);
  NumberArray array{arma::vec(space.getSimpleExtentNpoints()), rank,
                    static_cast<arma::uword>(dims[0]),
                    rank == 2 ? static_cast<arma::uword>(dims[1]) : 1};
  if (!array.values.is_empty())
    dataset.read(array.values.memptr(), H5::PredType::NATIVE_DOUBLE); // row by row, as stored
  return array;
}

arma::mat read_array(const H5::Group& group, const char* name, int rank) {
  if (!group.nameExists(name)) throw BadLayout(std::string("no dataset '") + name + "'");
  const std::string what = std::string("dataset '") + name + "'";
  const NumberArray array =
      read_numbers(group, name, what, "a " + std::to_string(rank) + "-D array");
  if (array.rank != rank) throw BadLayout(what + " is not " + std::to_string(rank) + "-D");
  return array.matrix();
}

ArrayEnd read_array_end(const H5::Group& group, const char* name, arma::uword index) {
  if (!group.nameExists(name)) throw BadLayout(std::string("no dataset '") + name + "'");
  const std::string what = std::string("dataset '") + name + "'";
  const H5::DataSet dataset = group.openDataSet(name);
  const H5T_class_t type = dataset.getTypeClass();
  if (type != H5T_FLOAT && type != H5T_INTEGER)
    throw BadLayout(what + " is not an array of numbers");
  const H5::DataSpace space = dataset.getSpace();
  if (space.getSimpleExtentNdims() != 1) throw BadLayout(what + " is not 1-D");
  hsize_t length = 0;
  space.getSimpleExtentDims(&length);
  // One value is read, but HDF5 reads (and allocates) a whole chunk: a crafted file's
  // claim is refused as read_numbers() refuses it.
  check_claim(dataset, length, dataset.getDataType().getSize(), what);
  ArrayEnd end;
  end.length = static_cast<arma::uword>(length);
  const auto value_at = [&](hsize_t offset) { // one value, converted by HDF5 as read_numbers
    const hsize_t one = 1;
    H5::DataSpace selected = space;
    selected.selectHyperslab(H5S_SELECT_SET, &one, &offset);
    double value = 0.0;
    dataset.read(&value, H5::PredType::NATIVE_DOUBLE, H5::DataSpace(1, &one), selected);
    return value;
  };
  if (length == 0) return end;
  end.last = value_at(length - 1);
  if (index >= 1 && index <= length)
    end.at_index = index == length ? end.last : value_at(index - 1);
  return end;
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
  check_claim(dataset, n, 1, std::string("dataset '") + name + "'");
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

// --- file images and the metadata cache -------------------------------------------------
std::string image_name() {
  static std::atomic<std::uint64_t> images{0};
  return "image-" + std::to_string(images++) + ".h5";
}

void limit_metadata_cache(const H5::H5File& file, std::size_t bytes) {
  H5AC_cache_config_t config{};
  config.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  check(H5Fget_mdc_config(file.getId(), &config), "H5Fget_mdc_config");
  config.set_initial_size = true;
  config.initial_size = config.min_size = config.max_size = bytes;
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

} // namespace nnlab::hdf5
