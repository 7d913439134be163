#pragma once

#include <armadillo>

#include "nnlab/plugin/dataset.hpp"

namespace nnlab::test {

/// `split` passes check_data_split (the data checks of `runner check-plugin`) and is points
/// in the plane with classes 0 and 1: features x1, x2, class names "0", "1", and n_train
/// train and n_test test samples.
void check_plane_split(const DataSplit& split, arma::uword n_train, arma::uword n_test);

/// The columns of a generator's split made with shuffle: false, back in the order they
/// were generated: there, column i is a test sample when i = floor((2 j + 1) n / (2 n_test))
/// for some j (the spread split of plugins/datasets/spread_split.hpp).
arma::mat unspread(const arma::mat& train, const arma::mat& test);

} // namespace nnlab::test
