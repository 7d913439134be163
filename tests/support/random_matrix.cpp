#include "support/random_matrix.hpp"

#include "nnlab/core/rng.hpp"

namespace nnlab::test {

arma::mat random_matrix(arma::uword rows, arma::uword cols, std::uint64_t seed, double scale) {
  Rng rng(seed);
  arma::mat x(rows, cols);
  for (double& v : x)
    v = rng.uniform(-scale, scale);
  return x;
}

} // namespace nnlab::test
