#include "nnlab/model/panel_pass.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "nnlab/model/mlp.hpp"
#include "nnlab/plugin/loss.hpp"

namespace nnlab {

namespace {

// What the four nodes (z, a, dA, delta) of a panel's widest layer may take: the size of a
// core's L2 cache on the machines nnlab is measured on, where W3's 256-unit layers train
// fastest in panels of 256 (bench/README.md). A fixed number, so that the panel width
// never depends on the machine.
constexpr arma::uword panel_bytes = 2 << 20;
constexpr arma::uword min_panel = 64, max_panel = 1024;

// Columns first..first+n-1 of M as a matrix of its own, without copying (nothing is
// written through it).
arma::mat columns(const arma::mat& M, arma::uword first, arma::uword n) {
  return arma::mat(const_cast<double*>(M.colptr(first)), M.n_rows, n, false, true);
}

} // namespace

arma::uword PanelPass::panel_width(const Mlp& mlp) {
  arma::uword widest = 1;
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l)
    widest = std::max(widest, mlp.layer(l).n_out());
  const arma::uword fits = panel_bytes / (4 * widest * sizeof(double)) / 8 * 8;
  return std::clamp(fits, min_panel, max_panel);
}

PanelPass::PanelPass(const Mlp& mlp, arma::uword capacity, arma::uword panel)
    : capacity_(capacity),
      panel_(std::max<arma::uword>(1, std::min(panel > 0 ? panel : panel_width(mlp), capacity))),
      sample_major_(mlp.sample_major()), workspace_(mlp, panel_),
      Xt_(sample_major_ ? panel_ : 0, mlp.n_inputs()), output_(mlp.n_outputs(), capacity),
      output_gradient_(mlp.n_outputs(), capacity) {}

template <class EachPanel>
const arma::mat& PanelPass::over_panels(const Mlp& mlp, const arma::mat& X, EachPanel each_panel) {
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
      arma::mat xt(Xt_.memptr(), n, X.n_rows, false, true);
      xt = x.t();
      out = mlp.forward_sample_major(xt, nodes_).t();
      each_panel(xt, out, first, n);
    } else {
      if (n != nodes_.m) workspace_.view(n, nodes_);
      out = mlp.forward(x, nodes_);
      each_panel(x, out, first, n);
    }
  }
  output_view_.emplace(output_.memptr(), outputs, m, false, true);
  return *output_view_;
}

const arma::mat& PanelPass::forward(const Mlp& mlp, const arma::mat& X) {
  return over_panels(mlp, X, [](const arma::mat&, const arma::mat&, arma::uword, arma::uword) {});
}

void PanelPass::forward_layers(const Mlp& mlp, const arma::mat& X,
                               std::vector<arma::mat>& activations) {
  activations.resize(mlp.n_layers());
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l)
    activations[l - 1].set_size(mlp.layer(l).n_out(), X.n_cols);
  over_panels(mlp, X, [&](const arma::mat&, const arma::mat&, arma::uword first, arma::uword n) {
    for (arma::uword l = 1; l <= mlp.n_layers(); ++l)
      activations[l - 1].cols(first, first + n - 1) =
          sample_major_ ? arma::mat(nodes_.a[l].t()) : nodes_.a[l];
  });
}

const arma::mat& PanelPass::forward_backward(Mlp& mlp, const arma::mat& X, const arma::mat& Y,
                                             const Loss& loss) {
  if (Y.n_rows != mlp.n_outputs() || Y.n_cols != X.n_cols)
    throw std::invalid_argument("PanelPass: the targets are " + std::to_string(Y.n_rows) + "x" +
                                std::to_string(Y.n_cols) + ", expected " +
                                std::to_string(mlp.n_outputs()) + "x" + std::to_string(X.n_cols));
  mlp.zero_grads();
  // x is the panel's input as the passes take it (X^T when sample-major), out its outputs.
  const arma::mat& result = over_panels(
      mlp, X, [&](const arma::mat& x, const arma::mat& out, arma::uword first, arma::uword n) {
        arma::mat d_out(output_gradient_.colptr(first), out.n_rows, n, false, true);
        loss.gradient(out, columns(Y, first, n), d_out);
        if (sample_major_) {
          nodes_.dA.back() = d_out.t();
          mlp.backward_add_sample_major(x, nodes_);
        } else {
          nodes_.dA.back() = d_out;
          mlp.backward_add(x, nodes_);
        }
      });
  if (X.n_cols > 0) mlp.scale_grads(1.0 / static_cast<double>(X.n_cols));
  output_gradient_view_.emplace(output_gradient_.memptr(), mlp.n_outputs(), X.n_cols, false, true);
  return result;
}

} // namespace nnlab
