#pragma once

#include <armadillo>
#include <memory>

#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/model/precision.hpp"

namespace nnlab {

class Loss;
template <class T> class PanelPasses;

/// The passes of an iteration over a whole set of samples, a panel of columns at a time:
/// each panel goes through every layer forward and, when training, straight back (the
/// loss gradient of its outputs, then the backward pass adding its share onto the
/// gradient). A panel's z, a, dA and delta of every layer then stay in the cache from the
/// product that writes them to the sweep that reads them, where whole-set passes over a
/// wide layer stream each matrix through memory several times; only the outputs a_L and
/// their gradient are kept for every sample. The result is the whole-set pass's: the
/// same outputs column by column, and the gradient as the sum over the panels of
/// delta a_prev^T and sum(delta, 1), divided by m, which differs from one product over
/// all columns by rounding only (tests/framework/model/panel_pass_test.cpp).
///
/// A thin network (every layer with at most 8 inputs and units, Mlp::sample_major) takes
/// its panels sample-major: its nodes are stored transposed, samples x units, so that its
/// loops run along contiguous samples (sample_major_products.hpp).
///
/// The precision is the network's (Architecture::precision). float64 passes go through
/// the Mlp itself. float32 passes go through a single-precision copy of it, made here and
/// refreshed from the Mlp's (master) parameters at the start of each pass: every product
/// is an SGEMM or a float loop, every activation a float kernel, the gradient's sums are
/// float, and mlp.grads() receives them in double, divided by m in double. Data, targets
/// and outputs stay double outside: each panel's inputs are rounded to float as the pass
/// takes them, and its outputs converted (exactly) to double, on which the Loss plugin
/// computes its value and gradient in double as always; that gradient is rounded to float
/// for the backward pass. So a loss plugin needs no float version, and a cost is a
/// double mean over every sample.
///
/// The panel width depends on the architecture alone (panel_width), never on the machine
/// or the number of threads, so the sums, and the results, are reproducible.
class NNLAB_EXPORT PanelPass {
public:
  /// For passes over at most `capacity` samples, `panel` columns at a time (0: the
  /// architecture's panel_width).
  PanelPass(const Mlp& mlp, arma::uword capacity, arma::uword panel = 0);
  ~PanelPass();
  PanelPass(const PanelPass&) = delete;
  PanelPass& operator=(const PanelPass&) = delete;

  /// Columns per panel for this network: as many as keep the four nodes of its widest
  /// layer (in its precision) within 2 MiB, a multiple of 8, at least 64, at most 1024.
  static arma::uword panel_width(const Mlp& mlp);
  arma::uword panel() const { return panel_; }
  /// Whether the panels go sample-major (a thin network).
  bool sample_major() const;
  Precision precision() const { return precision_; }

  /// a_L for every column of X (outputs x m).
  const arma::mat& forward(const Mlp& mlp, const arma::mat& X);
  /// The same, and mlp.grads() = dC/dparams for the cost over X's columns, from the loss's
  /// per-sample gradient (Loss::gradient, called on each panel's outputs and targets).
  const arma::mat& forward_backward(Mlp& mlp, const arma::mat& X, const arma::mat& Y,
                                    const Loss& loss);
  /// dC/da_L per sample of the last forward_backward (outputs x m).
  const arma::mat& output_gradient() const;

private:
  /// float32: the single-precision copy's parameters = the Mlp's, rounded.
  void refresh(const Mlp& mlp);

  Precision precision_;
  arma::uword panel_;
  std::unique_ptr<PanelPasses<double>> double_; // float64 passes, on the Mlp
  std::unique_ptr<BasicMlp<float>> single_mlp_; // float32: the network in single precision
  std::unique_ptr<PanelPasses<float>> single_;  // float32 passes, on single_mlp_
};

} // namespace nnlab
