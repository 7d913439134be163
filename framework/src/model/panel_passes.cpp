#include "panel_passes.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "nnlab/plugin/loss.hpp"
#include "precision_cast.hpp"

namespace nnlab {

namespace {

// Columns first..first+n-1 of M as a matrix of its own, without copying (nothing is
// written through it).
arma::mat columns(const arma::mat& M, arma::uword first, arma::uword n) {
  return arma::mat(const_cast<double*>(M.colptr(first)), M.n_rows, n, false, true);
}

// The first n columns (or, sample-major, rows) of a buffer, as a strict view.
template <class T> arma::Mat<T> view(arma::Mat<T>& M, arma::uword rows, arma::uword cols) {
  return arma::Mat<T>(M.memptr(), rows, cols, false, true);
}

} // namespace

template <class T>
PanelPasses<T>::PanelPasses(const BasicMlp<T>& mlp, arma::uword capacity, arma::uword panel)
    : capacity_(capacity), panel_(panel), sample_major_(mlp.sample_major()),
      workspace_(mlp, panel_),
      input_(sample_major_ || !std::is_same_v<T, double> ? mlp.n_inputs() * panel_ : 0, 1),
      output_(mlp.n_outputs(), capacity), output_gradient_(mlp.n_outputs(), capacity) {}

template <class T>
template <class EachPanel>
const arma::mat& PanelPasses<T>::over_panels(const BasicMlp<T>& mlp, const arma::mat& X,
                                             EachPanel each_panel) {
  const arma::uword m = X.n_cols, outputs = mlp.n_outputs();
  if (m > capacity_)
    throw std::invalid_argument("PanelPass: " + std::to_string(m) + " samples, sized for at most " +
                                std::to_string(capacity_));
  if (X.n_rows != mlp.n_inputs())
    throw std::invalid_argument("PanelPass: X has " + std::to_string(X.n_rows) +
                                " rows, the network " + std::to_string(mlp.n_inputs()) + " inputs");
  for (arma::uword first = 0; first < m; first += panel_) {
    const arma::uword n = std::min(panel_, m - first);
    const arma::mat x = columns(X, first, n);
    arma::mat out(output_.colptr(first), outputs, n, false, true);
    if (sample_major_) {
      if (n != nodes_.m) workspace_.view_sample_major(n, nodes_);
      arma::Mat<T> xt = view(input_, n, X.n_rows);
      convert::copy_transposed(x, xt);
      convert::copy_transposed(mlp.forward_sample_major(xt, nodes_), out);
      each_panel(xt, out, first, n);
    } else {
      if (n != nodes_.m) workspace_.view(n, nodes_);
      if constexpr (std::is_same_v<T, double>) {
        out = mlp.forward(x, nodes_);
        each_panel(x, out, first, n);
      } else {
        arma::Mat<T> xs = view(input_, X.n_rows, n);
        convert::copy(x, xs);
        convert::copy(mlp.forward(xs, nodes_), out);
        each_panel(xs, out, first, n);
      }
    }
  }
  output_view_.emplace(output_.memptr(), outputs, m, false, true);
  return *output_view_;
}

template <class T>
const arma::mat& PanelPasses<T>::forward(const BasicMlp<T>& mlp, const arma::mat& X) {
  return over_panels(mlp, X,
                     [](const arma::Mat<T>&, const arma::mat&, arma::uword, arma::uword) {});
}

template <class T>
const arma::mat& PanelPasses<T>::forward_backward(BasicMlp<T>& mlp, const arma::mat& X,
                                                  const arma::mat& Y, const Loss& loss) {
  if (Y.n_rows != mlp.n_outputs() || Y.n_cols != X.n_cols)
    throw std::invalid_argument("PanelPass: the targets are " + std::to_string(Y.n_rows) + "x" +
                                std::to_string(Y.n_cols) + ", expected " +
                                std::to_string(mlp.n_outputs()) + "x" + std::to_string(X.n_cols));
  mlp.zero_grads();
  // x is the panel's input as the passes take it (X^T when sample-major), out its outputs.
  const arma::mat& result = over_panels(
      mlp, X, [&](const arma::Mat<T>& x, const arma::mat& out, arma::uword first, arma::uword n) {
        arma::mat d_out(output_gradient_.colptr(first), out.n_rows, n, false, true);
        loss.gradient(out, columns(Y, first, n), d_out);
        if (sample_major_) {
          convert::copy_transposed(d_out, nodes_.dA.back());
          mlp.backward_add_sample_major(x, nodes_);
        } else {
          convert::copy(d_out, nodes_.dA.back());
          mlp.backward_add(x, nodes_);
        }
      });
  output_gradient_view_.emplace(output_gradient_.memptr(), mlp.n_outputs(), X.n_cols, false, true);
  return result;
}

template class PanelPasses<double>;
template class PanelPasses<float>;

} // namespace nnlab
