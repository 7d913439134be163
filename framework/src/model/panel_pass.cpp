#include "nnlab/model/panel_pass.hpp"

#include <algorithm>

#include "panel_passes.hpp"
#include "precision_cast.hpp"

namespace nnlab {

namespace {

// What the four nodes (z, a, dA, delta) of a panel's widest layer may take: the size of a
// core's L2 cache on the machines nnlab is measured on, where W3's 256-unit layers train
// fastest in panels of 256 (bench/README.md). A fixed number, so that the panel width
// never depends on the machine.
constexpr arma::uword panel_bytes = 2 << 20;
constexpr arma::uword min_panel = 64, max_panel = 1024;

} // namespace

arma::uword PanelPass::panel_width(const Mlp& mlp) {
  arma::uword widest = 1;
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l)
    widest = std::max(widest, mlp.layer(l).n_out());
  const arma::uword element =
      mlp.architecture().precision == Precision::float32 ? sizeof(float) : sizeof(double);
  const arma::uword fits = panel_bytes / (4 * widest * element) / 8 * 8;
  return std::clamp(fits, min_panel, max_panel);
}

PanelPass::PanelPass(const Mlp& mlp, arma::uword capacity, arma::uword panel)
    : precision_(mlp.architecture().precision),
      panel_(std::max<arma::uword>(1, std::min(panel > 0 ? panel : panel_width(mlp), capacity))) {
  if (precision_ == Precision::float64) {
    double_ = std::make_unique<PanelPasses<double>>(mlp, capacity, panel_);
  } else {
    single_mlp_ = std::make_unique<BasicMlp<float>>(mlp.architecture());
    single_ = std::make_unique<PanelPasses<float>>(*single_mlp_, capacity, panel_);
  }
}

PanelPass::~PanelPass() = default;

bool PanelPass::sample_major() const {
  return double_ ? double_->sample_major() : single_->sample_major();
}

void PanelPass::refresh(const Mlp& mlp) {
  convert::copy(static_cast<const arma::mat&>(mlp.params()),
                static_cast<arma::fmat&>(single_mlp_->params()));
}

const arma::mat& PanelPass::forward(const Mlp& mlp, const arma::mat& X) {
  if (double_) return double_->forward(mlp, X);
  refresh(mlp);
  return single_->forward(*single_mlp_, X);
}

const arma::mat& PanelPass::forward_backward(Mlp& mlp, const arma::mat& X, const arma::mat& Y,
                                             const Loss& loss) {
  const arma::mat* result = nullptr;
  if (double_) {
    result = &double_->forward_backward(mlp, X, Y, loss);
  } else {
    refresh(mlp);
    result = &single_->forward_backward(*single_mlp_, X, Y, loss);
    convert::copy(static_cast<const arma::fmat&>(single_mlp_->grads()),
                  static_cast<arma::mat&>(mlp.grads()));
  }
  if (X.n_cols > 0) mlp.scale_grads(1.0 / static_cast<double>(X.n_cols));
  return *result;
}

const arma::mat& PanelPass::output_gradient() const {
  return double_ ? double_->output_gradient() : single_->output_gradient();
}

} // namespace nnlab
