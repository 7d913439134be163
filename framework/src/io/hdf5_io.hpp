#pragma once

// Internal to the library (not installed, not exported): low-level helpers over the HDF5 C++
// API, used by the store, checkpoints and the weights-file reader.

#include <armadillo>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <H5Cpp.h>

#include "nnlab/core/error.hpp"

namespace nnlab::hdf5 {

// --- errors ------------------------------------------------------------------------------

/// While one lives, HDF5 prints nothing to stderr; the most specific description of the
/// last failure is kept (shortened to one line) for last_reason().
class QuietErrors {
public:
  QuietErrors();
  ~QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

private:
  H5E_auto2_t old_func_ = nullptr;
  void* old_data_ = nullptr;
};

/// Why HDF5 last failed on this thread while a QuietErrors lived; empty if it did not.
const std::string& last_reason();

/// A store whose content does not have the promised layout (missing attribute, ...).
struct BadLayout : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// For the C calls the C++ API lacks: a negative result (herr_t, htri_t, hid_t) is a failure.
template <class Status> void check(Status status, const char* call) {
  if (status < 0) throw H5::Exception(call, "failed");
}

/// Runs `body`, turning HDF5 failures (and BadLayout) into one-line StorageErrors
/// "<file>: <operation>: why". Other exceptions pass through.
template <class Body>
decltype(auto) guarded(const std::filesystem::path& file, const std::string& operation,
                       Body&& body) {
  QuietErrors quiet;
  try {
    return body();
  } catch (const H5::Exception& e) {
    const std::string reason = last_reason().empty() ? e.getDetailMsg() : last_reason();
    throw StorageError(file.string() + ": " + operation + ": " + reason);
  } catch (const BadLayout& e) {
    throw StorageError(file.string() + ": " + operation + ": " + e.what());
  }
}

// --- scalar attributes -------------------------------------------------------------------
// Writers replace an attribute of that name; readers throw BadLayout if it is missing.

/// A UTF-8 variable-length string.
void write_string(const H5::H5Object& object, const char* name, const std::string& value);
/// Stored as little-endian 64-bit: unsigned, signed, IEEE double.
void write_uint(const H5::H5Object& object, const char* name, std::uint64_t value);
void write_int(const H5::H5Object& object, const char* name, std::int64_t value);
void write_double(const H5::H5Object& object, const char* name, double value);

/// Names of an object's attributes, sorted.
std::vector<std::string> attribute_names(const H5::H5Object& object);
bool is_string_attribute(const H5::H5Object& object, const char* name);

/// Throws BadLayout if the attribute is not a string.
std::string read_string(const H5::H5Object& object, const char* name);
/// Any numeric attribute, converted by HDF5 (a string fails to convert: H5::Exception).
std::uint64_t read_uint(const H5::H5Object& object, const char* name);
double read_double(const H5::H5Object& object, const char* name);

// --- arrays of numbers -------------------------------------------------------------------

/// Writes an Armadillo matrix (column-major) as a row-major {rows, cols} float64 dataset
/// (rank 2), so that h5py's W[r, c] is W(r, c); with rank 1, a column vector as a 1-D dataset.
void write_array(const H5::Group& group, const char* name, const arma::mat& values, int rank);

/// A 1-D or 2-D dataset of numbers as the file holds it.
struct NumberArray {
  arma::vec values;               ///< row by row, as stored (NumPy's order)
  int rank = 0;                   ///< 1 or 2
  arma::uword rows = 0, cols = 0; ///< a 1-D dataset of n values is n x 1
  /// The values as a rows x cols matrix (a 1-D dataset as a column).
  arma::mat matrix() const;
};

/// The one reader of numeric datasets (the store, checkpoints, weights files), lenient as
/// files written by hand need: float or integer values of any width and byte order
/// (converted to double by HDF5), 1-D or 2-D, as nnlab, h5py or NumPy write them. Values
/// are not checked (NaN and Inf read as such). Anything else is a BadLayout naming the
/// dataset as `what` and saying what was `expected`: "<what> is not an array of numbers",
/// "<what> is a scalar; expected <expected>", "<what> is 2 x 3 x 4; expected <expected>".
NumberArray read_numbers(const H5::Group& group, const std::string& name, const std::string& what,
                         const std::string& expected);

/// Reads what write_array wrote, through read_numbers (rank 1 gives a column); BadLayout
/// "no dataset 'x'", "dataset 'x' is not 2-D" for the other of the two ranks, or
/// read_numbers' refusals ("dataset 'x' is 2 x 3 x 4; expected a 2-D array").
arma::mat read_array(const H5::Group& group, const char* name, int rank);

/// The length of a 1-D dataset of numbers, its last value, and its value at the 1-based
/// `index`, read alone (the others are not read). Values are NaN where there is none (an
/// empty dataset; an index of 0 or past the end). BadLayout as read_array(group, name, 1).
struct ArrayEnd {
  arma::uword length = 0;
  double last = arma::datum::nan;
  double at_index = arma::datum::nan;
};
ArrayEnd read_array_end(const H5::Group& group, const char* name, arma::uword index);

// --- string datasets ---------------------------------------------------------------------

/// Writes the strings as a 1-D dataset of UTF-8 variable-length strings (h5py reads it with
/// `.asstr()[()]`); an empty list gives a dataset of length 0.
void write_strings(const H5::Group& group, const char* name,
                   const std::vector<std::string>& values);
/// Reads what write_strings wrote; BadLayout if missing, not 1-D or not variable-length strings.
std::vector<std::string> read_strings(const H5::Group& group, const char* name);

// --- groups ------------------------------------------------------------------------------

/// Names of a group's links, by name or (for groups made by create_ordered_group) in the
/// order they were created.
std::vector<std::string> link_names(const H5::Group& group, H5_index_t index);

/// Creates a group that remembers the order its links were made in (W1, b1, W2, ...).
H5::Group create_ordered_group(const H5::Group& parent, const char* name);

// --- file images and the metadata cache -------------------------------------------------

/// A name for a file in memory that no other is using. HDF5 knows open files by name, in
/// memory too, and threads build images at the same time.
std::string image_name();

/// The bytes of an HDF5 file built in memory (HDF5's core driver) by `fill`. Files that must
/// survive a full disk are written this way and then stored with write_file (durable_file.hpp):
/// HDF5 1.10 crashes in H5Fclose when a write of its own has failed, and a plain write fails
/// cleanly. Call inside guarded().
std::vector<char> file_image(const std::function<void(H5::H5File&)>& fill);

/// Keeps the file's metadata cache at `bytes` (2 MiB unless said). HDF5 grows it up to
/// 32 MiB while a file is written, so merging many runs at once would take memory that
/// grows with the runs.
void limit_metadata_cache(const H5::H5File& file, std::size_t bytes = 2u << 20);

} // namespace nnlab::hdf5
