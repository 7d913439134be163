#include "nnlab/core/scaler.hpp"

#include <stdexcept>
#include <string>

namespace nnlab {

Scaler Scaler::fit(const arma::mat& X) {
  Scaler scaler;
  scaler.mean = arma::mean(X, 1);
  scaler.scale = arma::stddev(X, 1, 1); // norm_type 1: divide by m
  // Exact test: a constant feature's computed std can be a rounding error above zero.
  for (arma::uword j = 0; j < X.n_rows; ++j)
    if (X.row(j).min() == X.row(j).max()) scaler.scale[j] = 1.0;
  return scaler;
}

void Scaler::apply(arma::mat& X) const {
  if (empty()) return;
  if (X.n_rows != mean.n_elem || X.n_rows != scale.n_elem)
    throw std::invalid_argument("Scaler::apply(): " + std::to_string(X.n_rows) +
                                " features, the scaler has " + std::to_string(mean.n_elem) +
                                " means and " + std::to_string(scale.n_elem) + " scales");
  X.each_col() -= mean;
  X.each_col() /= scale;
}

} // namespace nnlab
