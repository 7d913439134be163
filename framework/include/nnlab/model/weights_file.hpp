#pragma once

#include <filesystem>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"

namespace nnlab {

/// A network's weights in a file, in the course's shapes: W_l is units_l x inputs_l
/// (z = W a + b), b_l is units_l x 1. The extension picks the format:
/// - HDF5 (.h5, .hdf5): float64 datasets W1, b1, W2, b2, ... in one group (the root by
///   default), W_l 2-D (units_l, inputs_l) as NumPy and h5py write it, b_l 2-D
///   (units_l, 1) or 1-D. A store's /runs/<id>/weights group has this layout, so a stored
///   run's final weights can start another run (a warm start). Other datasets are ignored.
/// - CSV (.csv): one line per array, `NAME,v1,v2,...`: the name (W1, b1, W2, ...), then the
///   values row by row (NumPy's order, `W.ravel()`), in any order of lines. Blank lines and
///   lines starting with '#' are skipped.
/// Python writes the CSV in two lines:
///   for name, a in [("W1", W1), ("b1", b1), ...]:
///       f.write(name + "," + ",".join(repr(v) for v in a.ravel()) + "\n")
/// Values are read to the bit (repr / shortest round-trip text).
inline bool is_hdf5_weights(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  return ext == ".h5" || ext == ".hdf5";
}
inline bool is_csv_weights(const std::filesystem::path& file) {
  return file.extension().string() == ".csv";
}

/// Sets every W_l and b_l of mlp from the file (HDF5: from `group`). Throws DataError
/// "<file>: <what>" when the file cannot be read, an array is missing, appears twice, has
/// another shape ("/W2 is 2 x 4, the model needs 2 x 3"), holds a non-finite value, or names
/// a layer the model does not have; mlp is left unchanged then.
NNLAB_EXPORT void load_weights_file(Mlp& mlp, const std::filesystem::path& file,
                                    const std::string& group = "/");

/// Writes every W_l and b_l of mlp to the file in its extension's format (HDF5: at the
/// root, replacing the file), so that load_weights_file reads the same bits back.
NNLAB_EXPORT void save_weights_file(const Mlp& mlp, const std::filesystem::path& file);

} // namespace nnlab
