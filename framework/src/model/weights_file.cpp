#include "nnlab/model/weights_file.hpp"

#include "nnlab/core/error.hpp"
#include "weights_formats.hpp"

namespace nnlab {

namespace {

std::string shape_text(arma::uword rows, arma::uword cols) {
  return std::to_string(rows) + " x " + std::to_string(cols);
}

// "the model has 2 layers: W1, b1, W2, b2"
std::string model_arrays(std::size_t n_layers) {
  std::string text = "the model has " + std::to_string(n_layers) + " layer" +
                     (n_layers == 1 ? "" : "s") + ": W1, b1";
  if (n_layers > 2) text += ", ...";
  if (n_layers > 1) text += ", W" + std::to_string(n_layers) + ", b" + std::to_string(n_layers);
  return text;
}

// The array `name` of the file as a rows x cols matrix, or a DataError saying what differs.
arma::mat take(const weights::Arrays& found, const std::string& name, arma::uword rows,
               arma::uword cols, std::size_t n_layers) {
  for (const weights::Array& array : found.arrays) {
    if (array.name != name) continue;
    if (array.shaped && (array.rows != rows || array.cols != cols))
      throw DataError(array.place + " is " + shape_text(array.rows, array.cols) +
                      ", the model needs " + shape_text(rows, cols));
    if (!array.shaped && array.values.n_elem != rows * cols)
      throw DataError(array.place + " has " + std::to_string(array.values.n_elem) +
                      " values, the model needs " + shape_text(rows, cols) + " = " +
                      std::to_string(rows * cols));
    // The values come row by row: as columns they are the transpose.
    return arma::mat(array.values.memptr(), cols, rows).t();
  }
  throw DataError(found.missing + name + "; " + model_arrays(n_layers));
}

} // namespace

void load_weights_file(Mlp& mlp, const std::filesystem::path& file, const std::string& group) {
  weights::Arrays found;
  if (is_hdf5_weights(file))
    found = weights::read_hdf5(file, group);
  else if (is_csv_weights(file))
    found = weights::read_csv(file);
  else
    throw DataError(file.string() + ": expected an HDF5 (.h5, .hdf5) or CSV (.csv) file");
  const Architecture& arch = mlp.architecture();
  const std::size_t n_layers = arch.layers.size();
  for (const weights::Array& array : found.arrays) {
    char kind = 0;
    unsigned long layer = 0;
    weights::parse_name(array.name, kind, layer);
    if (layer > n_layers) throw DataError(array.place + ": " + model_arrays(n_layers));
  }
  std::vector<std::pair<std::string, arma::mat>> named;
  for (std::size_t l = 1; l <= n_layers; ++l) {
    const arma::uword units = arch.layers[l - 1];
    const arma::uword inputs = l == 1 ? arch.n_inputs : arch.layers[l - 2];
    const std::string layer = std::to_string(l);
    named.emplace_back("W" + layer, take(found, "W" + layer, units, inputs, n_layers));
    named.emplace_back("b" + layer, take(found, "b" + layer, units, 1, n_layers));
  }
  mlp.load_weights(named);
}

void save_weights_file(const Mlp& mlp, const std::filesystem::path& file) {
  if (is_hdf5_weights(file))
    weights::write_hdf5(file, mlp.named_weights());
  else if (is_csv_weights(file))
    weights::write_csv(file, mlp.named_weights());
  else
    throw StorageError(file.string() + ": expected an HDF5 (.h5, .hdf5) or CSV (.csv) file");
}

} // namespace nnlab
