#include <string>
#include <vector>

#include "io/hdf5_io.hpp"
#include "store_layout.hpp"

// /runs/<id>/snapshots/: dataset `iteration` [K] (uint64) and, for each of the run's weights
// in order, a dataset of the same name [K, rows, cols] (float64): snapshots/W1[j] is W1 after
// iteration[j] updates, shaped as weights/W1.

namespace nnlab::hdf5 {

namespace {

constexpr const char* group_name = "snapshots";
constexpr const char* iteration_name = "iteration";

} // namespace

void write_snapshots(const H5::Group& run, const RunRecord& record) {
  const RunSnapshots& taken = record.snapshots;
  if (taken.empty()) return;
  arma::uword n_params = 0;
  for (const auto& [name, values] : record.weights)
    n_params += values.n_elem;
  if (n_params != taken.params.n_rows || taken.params.n_cols != taken.iterations.size())
    throw BadLayout("snapshots of " + std::to_string(taken.params.n_rows) + " x " +
                    std::to_string(taken.params.n_cols) + " values for weights of " +
                    std::to_string(n_params) + " and " + std::to_string(taken.iterations.size()) +
                    " iterations");
  const H5::Group group = create_ordered_group(run, group_name);
  const hsize_t k = taken.iterations.size();
  const std::vector<std::uint64_t> iterations(taken.iterations.begin(), taken.iterations.end());
  group.createDataSet(iteration_name, H5::PredType::STD_U64LE, H5::DataSpace(1, &k))
      .write(iterations.data(), H5::PredType::NATIVE_UINT64);
  arma::uword offset = 0; // of this weight in the flat parameters (W column-major)
  for (const auto& [name, values] : record.weights) {
    const hsize_t dims[3] = {k, values.n_rows, values.n_cols};
    std::vector<double> row_major;
    row_major.reserve(k * values.n_elem);
    for (arma::uword j = 0; j < k; ++j)
      for (arma::uword r = 0; r < values.n_rows; ++r)
        for (arma::uword c = 0; c < values.n_cols; ++c)
          row_major.push_back(taken.params(offset + c * values.n_rows + r, j));
    group.createDataSet(name, H5::PredType::IEEE_F64LE, H5::DataSpace(3, dims))
        .write(row_major.data(), H5::PredType::NATIVE_DOUBLE);
    offset += values.n_elem;
  }
}

RunSnapshots read_snapshots(const H5::Group& run) {
  RunSnapshots taken;
  if (!run.nameExists(group_name)) return taken;
  const H5::Group group = run.openGroup(group_name);
  const std::string where = std::string(group_name) + "/";
  const NumberArray iterations =
      read_numbers(group, iteration_name, where + iteration_name, "a 1-D array");
  if (iterations.rank != 1) throw BadLayout(where + iteration_name + " is not 1-D");
  for (const double t : iterations.values)
    taken.iterations.push_back(static_cast<arma::uword>(t));
  const hsize_t k = taken.iterations.size();
  std::vector<arma::mat> parts;
  for (const std::string& name : link_names(group, H5_INDEX_CRT_ORDER)) {
    if (name == iteration_name) continue;
    const H5::DataSet dataset = group.openDataSet(name);
    const H5::DataSpace space = dataset.getSpace();
    hsize_t dims[3] = {};
    if (space.getSimpleExtentNdims() != 3 || (space.getSimpleExtentDims(dims), dims[0] != k))
      throw BadLayout(where + name + " is not " + std::to_string(k) + " x rows x cols");
    std::vector<double> row_major(k * dims[1] * dims[2]);
    if (!row_major.empty()) dataset.read(row_major.data(), H5::PredType::NATIVE_DOUBLE);
    arma::mat part(dims[1] * dims[2], k); // column j: the weight column-major
    for (hsize_t j = 0; j < k; ++j)
      for (hsize_t r = 0; r < dims[1]; ++r)
        for (hsize_t c = 0; c < dims[2]; ++c)
          part(c * dims[1] + r, j) = row_major[(j * dims[1] + r) * dims[2] + c];
    parts.push_back(std::move(part));
  }
  taken.params.set_size(0, k);
  for (const arma::mat& part : parts)
    taken.params = arma::join_cols(taken.params, part);
  return taken;
}

} // namespace nnlab::hdf5
