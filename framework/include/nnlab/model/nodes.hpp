#pragma once

#include <armadillo>
#include <vector>

namespace nnlab {

/// Every node of a pass over m samples, as the course names them: z[l], a[l] and the
/// backward's dA[l] = dC/da_l and delta[l] = dC/dz_l for l = 1..L (index 0 unused; a0
/// is the input X itself, not copied). Sized once by Mlp::make_nodes(m), or views into a
/// Workspace (workspace.hpp), and reused every iteration, so the training loop allocates
/// nothing. T is the precision of the pass (float for a float32 network's passes).
template <class T> struct BasicNodes {
  arma::uword m = 0;
  std::vector<arma::Mat<T>> z, a, dA, delta;
};

using Nodes = BasicNodes<double>;

} // namespace nnlab
