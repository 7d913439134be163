#pragma once

#include <armadillo>

#include "nnlab/plugin/dataset.hpp"

namespace nnlab::test {

/// `split` is points in the plane with classes 0 and 1: features x1, x2, class names "0",
/// "1", and n_train train and n_test test samples.
void check_plane_split(const DataSplit& split, arma::uword n_train, arma::uword n_test);

} // namespace nnlab::test
