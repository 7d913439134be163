#pragma once

#include <armadillo>
#include <cstdint>

namespace nnlab::test {

/// A rows x cols matrix of values uniform in [-scale, scale), from nnlab's Rng(seed): the
/// same values on every machine.
arma::mat random_matrix(arma::uword rows, arma::uword cols, std::uint64_t seed, double scale = 2.0);

} // namespace nnlab::test
