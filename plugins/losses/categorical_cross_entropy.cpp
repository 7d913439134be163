#include <algorithm>
#include <cmath>
#include <string>

#include <nnlab/plugin.hpp>

namespace {

/// Categorical cross-entropy, for softmax outputs (columns summing to 1) and one-hot
/// targets:
///   C = -(1/m) sum_columns sum_rows y log(max(a, eps))
///   dl/da = -y / max(a, eps)
/// The floor eps keeps log(0) away when a class gets probability 0.
class CategoricalCrossEntropy final : public nnlab::Loss {
public:
  explicit CategoricalCrossEntropy(const nnlab::PluginConfig& config)
      : epsilon_(config.get<double>("epsilon")) {}

  static nnlab::ParamList params() {
    return {nnlab::param::number("epsilon", 1e-12, "outputs are floored at eps before the log")
                .above(0)
                .below(1)};
  }

  double value(const arma::mat& output, const arma::mat& target) const override {
    check_sizes(output, target);
    double sum = 0.0;
    for (arma::uword i = 0; i < output.n_elem; ++i)
      sum += target[i] * std::log(std::max(output[i], epsilon_));
    return -sum / static_cast<double>(output.n_cols);
  }

  void gradient(const arma::mat& output, const arma::mat& target,
                arma::mat& d_output) const override {
    check_sizes(output, target);
    d_output.set_size(arma::size(output)); // a no-op when it arrives sized, as it should
    for (arma::uword i = 0; i < output.n_elem; ++i)
      d_output[i] = -target[i] / std::max(output[i], epsilon_);
  }

private:
  // The loops index both matrices alike, so a mismatch would read out of bounds.
  static void check_sizes(const arma::mat& output, const arma::mat& target) {
    if (arma::size(output) != arma::size(target))
      throw nnlab::DataError("loss 'categorical_cross_entropy': target is " +
                             std::to_string(target.n_rows) + "x" + std::to_string(target.n_cols) +
                             ", output is " + std::to_string(output.n_rows) + "x" +
                             std::to_string(output.n_cols));
  }

  double epsilon_;
};

} // namespace

NNLAB_REGISTER_LOSS(CategoricalCrossEntropy, "categorical_cross_entropy",
                    "-(1/m) sum y log a, for softmax outputs and one-hot targets")
