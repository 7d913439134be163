#pragma once

#include <armadillo>
#include <functional>

#include "nnlab/export.hpp"

namespace nnlab {

/// Central differences of f at x: (f(x + h e_i) - f(x - h e_i)) / 2h for every i.
NNLAB_EXPORT arma::vec numeric_gradient(const std::function<double(const arma::vec&)>& f,
                                        arma::vec x, double h = 1e-6);

/// ||a - b|| / ||a + b|| (mlpack's CheckGradient measure); 0 when both are zero, infinite
/// when a = -b otherwise.
NNLAB_EXPORT double relative_error(const arma::vec& a, const arma::vec& b);

} // namespace nnlab
