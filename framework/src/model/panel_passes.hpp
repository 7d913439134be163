#pragma once

// Private to model/: the passes of PanelPass (nnlab/model/panel_pass.hpp) in one precision T,
// over a network of that precision. Data, targets, outputs and the loss's gradient stay
// double on the outside; a float pass rounds each panel's inputs to float as it takes them.

#include <armadillo>
#include <optional>

#include "nnlab/model/mlp.hpp"
#include "nnlab/model/workspace.hpp"

namespace nnlab {

class Loss;

template <class T> class PanelPasses {
public:
  PanelPasses(const BasicMlp<T>& mlp, arma::uword capacity, arma::uword panel);
  PanelPasses(const PanelPasses&) = delete;
  PanelPasses& operator=(const PanelPasses&) = delete;

  arma::uword panel() const { return panel_; }
  bool sample_major() const { return sample_major_; }

  /// a_L for every column of X (outputs x m), in double.
  const arma::mat& forward(const BasicMlp<T>& mlp, const arma::mat& X);
  /// The same, and mlp.grads() = the sums over X's columns of delta a_prev^T and
  /// sum(delta, 1), not yet divided by m, from the loss's gradient of each panel's outputs.
  const arma::mat& forward_backward(BasicMlp<T>& mlp, const arma::mat& X, const arma::mat& Y,
                                    const Loss& loss);
  const arma::mat& output_gradient() const { return *output_gradient_view_; }

private:
  template <class EachPanel>
  const arma::mat& over_panels(const BasicMlp<T>& mlp, const arma::mat& X, EachPanel each_panel);

  arma::uword capacity_, panel_;
  bool sample_major_;
  BasicWorkspace<T> workspace_; // the nodes of one panel
  BasicNodes<T> nodes_;         // views of workspace_ as wide as the current panel
  // A panel's inputs as the passes take them: transposed when sample-major, rounded to T
  // when T is not double (else the panel is a view of X itself).
  arma::Mat<T> input_;
  arma::mat output_, output_gradient_;                          // outputs x capacity
  std::optional<arma::mat> output_view_, output_gradient_view_; // their first m columns
};

extern template class PanelPasses<double>;
extern template class PanelPasses<float>;

} // namespace nnlab
