#pragma once

#include <armadillo>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/model/nodes.hpp"

namespace nnlab {

template <class T> class BasicMlp;

/// The memory of every pass of a run, allocated once: z, a, dA and delta of each layer
/// for up to `capacity` samples. nodes(m) hands out Nodes that are views of the first m
/// columns, so the test pass, the training pass and the mini-batch passes of an iteration
/// use the same buffers, one after the other (each pass overwrites the previous one's).
/// Not copyable: the Nodes handed out point into it and must not outlive it. T is the
/// precision of the passes.
template <class T> class NNLAB_EXPORT BasicWorkspace {
public:
  using Nodes = BasicNodes<T>;

  BasicWorkspace(const BasicMlp<T>& mlp, arma::uword capacity);
  BasicWorkspace(const BasicWorkspace&) = delete;
  BasicWorkspace& operator=(const BasicWorkspace&) = delete;

  arma::uword capacity() const { return capacity_; }
  /// Views of the first m columns (m <= capacity, else std::invalid_argument).
  Nodes nodes(arma::uword m);
  /// Points `nodes` at the first m columns instead, in place: once it has held views of
  /// this workspace, this allocates nothing (a pass over panels of changing width calls
  /// it in its loop).
  void view(arma::uword m, Nodes& nodes);
  /// The same memory as m x n_out views, for nodes stored sample-major (each node's
  /// transpose: Mlp::forward_sample_major).
  void view_sample_major(arma::uword m, Nodes& nodes);

private:
  void make_views(arma::uword m, bool sample_major, Nodes& nodes);

  arma::uword capacity_;
  std::vector<arma::Mat<T>> z_, a_, dA_, delta_; // index 0 unused, as in Nodes
};

using Workspace = BasicWorkspace<double>;

extern template class BasicWorkspace<double>;
extern template class BasicWorkspace<float>;

} // namespace nnlab
