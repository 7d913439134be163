#pragma once

#include <armadillo>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plugin/plugin_base.hpp"

namespace nnlab {

/// Named state vectors of an optimizer, e.g. {{"velocity", v}}. Restoring them together
/// with the parameters continues training bit for bit (checkpoints).
using OptimizerState = std::vector<std::pair<std::string, arma::vec>>;

/// An update rule over the network's flat parameter vector (ensmallen's update policy).
/// The trainer owns the loop and the learning rate alpha; the optimizer owns its
/// per-run state. Settings come from the constructor's PluginConfig.
class NNLAB_EXPORT Optimizer : public Plugin {
public:
  ~Optimizer() override;

  /// Sizes the per-run state for n_params parameters and zeroes it.
  virtual void reset(arma::uword n_params) = 0;
  /// One update of params, in place (never resize it), from grads = dCost/dparams.
  virtual void step(arma::vec& params, const arma::vec& grads, double alpha) = 0;
  /// The per-run state (empty for a stateless rule).
  virtual OptimizerState state() const = 0;
  /// Puts back a state() taken earlier, after reset(n_params) sized the state; throws
  /// PluginError when it does not fit.
  virtual void restore(const OptimizerState& state) = 0;
};

/// The vector called `name` in `state`, checked to hold n elements; throws PluginError
/// otherwise. For restore() implementations.
NNLAB_EXPORT const arma::vec& state_entry(const OptimizerState& state, std::string_view name,
                                          arma::uword n);

} // namespace nnlab
