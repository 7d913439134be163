#include <string>

#include <nnlab/plugin.hpp>

namespace {

/// Mean squared error with the course's 1/2, for linear (regression) outputs:
///   C = (1/(2m)) sum over samples and outputs of (a - y)^2
///   dl/da = a - y
/// The 1/2 cancels the 2 of the derivative, so dl/da is the plain residual; outputs are
/// summed, not averaged. Keras's and PyTorch's MSE (mean over outputs, no 1/2) is this C
/// times 2 / n_outputs.
class MeanSquaredError final : public nnlab::Loss {
public:
  explicit MeanSquaredError(const nnlab::PluginConfig& /*config*/) {}

  static nnlab::ParamList params() { return {}; }

  double value(const arma::mat& output, const arma::mat& target) const override {
    check_sizes(output, target);
    double sum = 0.0;
    for (arma::uword i = 0; i < output.n_elem; ++i) {
      const double r = output[i] - target[i];
      sum += r * r;
    }
    return 0.5 * sum / static_cast<double>(output.n_cols);
  }

  void gradient(const arma::mat& output, const arma::mat& target,
                arma::mat& d_output) const override {
    check_sizes(output, target);
    d_output = output - target; // reuses d_output's storage when it arrives sized, as it should
  }

private:
  // Mismatched sizes would read out of bounds in value()'s loop.
  static void check_sizes(const arma::mat& output, const arma::mat& target) {
    if (arma::size(output) != arma::size(target))
      throw nnlab::DataError("loss 'mean_squared_error': target is " +
                             std::to_string(target.n_rows) + "x" + std::to_string(target.n_cols) +
                             ", output is " + std::to_string(output.n_rows) + "x" +
                             std::to_string(output.n_cols));
  }
};

} // namespace

NNLAB_REGISTER_LOSS(MeanSquaredError, "mean_squared_error",
                    "(1/(2m)) sum (a - y)^2, for linear outputs; dl/da = a - y")
