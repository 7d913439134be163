#pragma once

#include <armadillo>

#include "nnlab/export.hpp"
#include "nnlab/plugin/plugin_base.hpp"

namespace nnlab {

/// A cost over m samples (columns): C = (1/m) sum_i l(a_i, y_i), where a is the network's
/// output (outputs x m) and y the target (outputs x m: 0/1 for one output, one-hot for
/// several).
class NNLAB_EXPORT Loss : public Plugin {
public:
  ~Loss() override;

  /// C, the mean of l over the columns.
  virtual double value(const arma::mat& output, const arma::mat& target) const = 0;
  /// d_output(:, i) = dl(a_i, y_i) / da_i, per sample: not divided by m (the layers
  /// divide dW and db by m, as the course does). d_output arrives sized like output.
  virtual void gradient(const arma::mat& output, const arma::mat& target,
                        arma::mat& d_output) const = 0;
};

} // namespace nnlab
