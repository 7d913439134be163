#pragma once

// Internal to weights_file.cpp: the two file formats documented in
// nnlab/model/weights_file.hpp, read into arrays that weights_file.cpp matches against the
// model's shapes.

#include <armadillo>
#include <filesystem>
#include <string>
#include <vector>

namespace nnlab::weights {

/// One array named W<k> or b<k> as a file holds it.
struct Array {
  std::string name;  ///< "W2"
  std::string place; ///< for errors: "w.csv:3: W2", "w.h5: /W2"
  arma::vec values;  ///< row by row (NumPy's order)
  /// HDF5: its shape (a 1-D b reads as n x 1); CSV has no shape, only a count of values.
  bool shaped = false;
  arma::uword rows = 0, cols = 0;
};

/// The arrays of a file and what the file calls a missing one ("no line for", "no dataset").
struct Arrays {
  std::vector<Array> arrays;
  std::string missing; ///< "w.csv: no line for " / "w.h5: no dataset /"
};

/// True for "W1", "b12": a weight or bias name with its 1-based layer number.
bool parse_name(const std::string& name, char& kind, unsigned long& layer);

/// Every W<k>/b<k> line of a CSV file; DataError "<file>:<line>: ..." on a malformed line, a
/// name that is not W<k>/b<k>, a repeated name or a value that is not a finite number.
Arrays read_csv(const std::filesystem::path& file);
void write_csv(const std::filesystem::path& file,
               const std::vector<std::pair<std::string, arma::mat>>& named);

/// Every W<k>/b<k> dataset of `group`; DataError "<file>: ..." when the file or group cannot
/// be opened or a dataset is not a 1-D or 2-D array of finite numbers.
Arrays read_hdf5(const std::filesystem::path& file, const std::string& group);
void write_hdf5(const std::filesystem::path& file,
                const std::vector<std::pair<std::string, arma::mat>>& named);

} // namespace nnlab::weights
