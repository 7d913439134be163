#pragma once

#include <armadillo>
#include <string>

#include "nnlab/export.hpp"

namespace nnlab {

/// A run's init_fingerprint: 16 hex digits, the 64-bit FNV-1a hash (core/hash.hpp) of the
/// bytes of `params` (Mlp::params(): W1, b1, W2, b2, ... in order, each W column by column,
/// as float64 in the machine's byte order, little-endian on the machines nnlab builds for).
/// Two runs with the same fingerprint started from the same weights. From NumPy, with the
/// store's W_l (units x inputs) and b_l:
///   np.concatenate([a.ravel(order="F") for l in layers for a in (W[l], b[l])]).tobytes()
NNLAB_EXPORT std::string params_fingerprint(const arma::vec& params);

} // namespace nnlab
