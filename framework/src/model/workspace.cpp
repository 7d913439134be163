#include "nnlab/model/workspace.hpp"

#include <stdexcept>
#include <string>

#include "nnlab/model/mlp.hpp"

namespace nnlab {

Workspace::Workspace(const Mlp& mlp, arma::uword capacity) : capacity_(capacity) {
  const arma::uword L = mlp.n_layers();
  for (auto* list : {&z_, &a_, &dA_, &delta_}) {
    list->resize(L + 1);
    for (arma::uword l = 1; l <= L; ++l)
      (*list)[l].zeros(mlp.layer(l).n_out(), capacity);
  }
}

Nodes Workspace::nodes(arma::uword m) {
  if (m > capacity_)
    throw std::invalid_argument("Workspace::nodes(): " + std::to_string(m) +
                                " samples, the workspace holds " + std::to_string(capacity_));
  Nodes nodes;
  nodes.m = m;
  const std::size_t size = z_.size();
  std::vector<arma::mat>* from[] = {&z_, &a_, &dA_, &delta_};
  std::vector<arma::mat>* to[] = {&nodes.z, &nodes.a, &nodes.dA, &nodes.delta};
  for (std::size_t i = 0; i < 4; ++i) {
    // Reserved first: a reallocating vector would copy the views into owning matrices.
    to[i]->reserve(size);
    to[i]->emplace_back();
    for (std::size_t l = 1; l < size; ++l) {
      arma::mat& buffer = (*from[i])[l];
      // Column-major: the first m columns are the first n_rows * m values. Strict, so a
      // wrongly sized assignment throws instead of detaching from the buffer.
      to[i]->emplace_back(buffer.memptr(), buffer.n_rows, m, false, true);
    }
  }
  return nodes;
}

} // namespace nnlab
