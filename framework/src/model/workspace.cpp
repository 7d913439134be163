#include "nnlab/model/workspace.hpp"

#include <stdexcept>
#include <string>

#include "nnlab/model/mlp.hpp"

namespace nnlab {

template <class T>
BasicWorkspace<T>::BasicWorkspace(const BasicMlp<T>& mlp, arma::uword capacity)
    : capacity_(capacity) {
  const arma::uword L = mlp.n_layers();
  for (auto* list : {&z_, &a_, &dA_, &delta_}) {
    list->resize(L + 1);
    for (arma::uword l = 1; l <= L; ++l)
      (*list)[l].zeros(mlp.layer(l).n_out(), capacity);
  }
}

template <class T> BasicNodes<T> BasicWorkspace<T>::nodes(arma::uword m) {
  Nodes nodes;
  view(m, nodes);
  return nodes;
}

template <class T> void BasicWorkspace<T>::view(arma::uword m, Nodes& nodes) {
  make_views(m, false, nodes);
}

template <class T> void BasicWorkspace<T>::view_sample_major(arma::uword m, Nodes& nodes) {
  make_views(m, true, nodes);
}

template <class T>
void BasicWorkspace<T>::make_views(arma::uword m, bool sample_major, Nodes& nodes) {
  if (m > capacity_)
    throw std::invalid_argument("Workspace::nodes(): " + std::to_string(m) +
                                " samples, the workspace holds " + std::to_string(capacity_));
  nodes.m = m;
  const std::size_t size = z_.size();
  std::vector<arma::Mat<T>>* from[] = {&z_, &a_, &dA_, &delta_};
  std::vector<arma::Mat<T>>* to[] = {&nodes.z, &nodes.a, &nodes.dA, &nodes.delta};
  for (std::size_t i = 0; i < 4; ++i) {
    // Views own no memory: clearing them frees nothing, and the vector keeps its capacity.
    // Reserved first: a reallocating vector would copy the views into owning matrices.
    to[i]->clear();
    to[i]->reserve(size);
    to[i]->emplace_back();
    for (std::size_t l = 1; l < size; ++l) {
      arma::Mat<T>& buffer = (*from[i])[l];
      // Column-major: the first m columns are the first n_rows * m values, which are also
      // an m x n_rows matrix. Strict, so a wrongly sized assignment throws instead of
      // detaching from the buffer.
      if (sample_major)
        to[i]->emplace_back(buffer.memptr(), m, buffer.n_rows, false, true);
      else
        to[i]->emplace_back(buffer.memptr(), buffer.n_rows, m, false, true);
    }
  }
}

template class BasicWorkspace<double>;
template class BasicWorkspace<float>;

} // namespace nnlab
