#include <algorithm>
#include <cmath>
#include <string>

#include <nnlab/plugin.hpp>

namespace {

/// Binary cross-entropy, the course's cost for sigmoid outputs and 0/1 targets:
///   C = -(1/m) sum [y log a + (1 - y) log(1 - a)]
///   dl/da = -y/a + (1 - y)/(1 - a)       (the layer multiplies by sigmoid' itself)
/// a is clipped to [eps, 1 - eps] in both, so a saturated output gives a large, finite
/// cost instead of log(0). Rows are summed, so several outputs act as independent labels.
class BinaryCrossEntropy final : public nnlab::Loss {
public:
  explicit BinaryCrossEntropy(const nnlab::PluginConfig& config)
      : epsilon_(config.get<double>("epsilon")) {}

  static nnlab::ParamList params() {
    return {nnlab::param::number("epsilon", 1e-12, "outputs are clipped to [eps, 1 - eps]")
                .above(0)
                .below(0.5)};
  }

  double value(const arma::mat& output, const arma::mat& target) const override {
    check_sizes(output, target);
    // For a 0/1 label only one term is left, the log of the probability given to it,
    // exactly (0 log(...) adds nothing): one log per sample instead of two, computed a
    // block at a time by the vectorised nnlab::vector_log. The terms (all <= 0, so no
    // cancellation) go into four interleaved partial sums: one chain of dependent
    // additions would cost more than the logs.
    constexpr arma::uword block = 256;
    double p[block], logs[block];
    double sum[4] = {0.0, 0.0, 0.0, 0.0};
    for (arma::uword first = 0; first < output.n_elem; first += block) {
      const arma::uword n = std::min(block, output.n_elem - first);
      if (true_class_probabilities(output.memptr() + first, target.memptr() + first, p, n)) {
        nnlab::vector_log(p, logs, n);
      } else {
        for (arma::uword i = 0; i < n; ++i) {
          const double a = clamped(output[first + i]), y = target[first + i];
          logs[i] = y * std::log(a) + (1.0 - y) * std::log(1.0 - a);
        }
      }
      arma::uword i = 0;
      for (; i + 4 <= n; i += 4)
        for (arma::uword k = 0; k < 4; ++k)
          sum[k] += logs[i + k];
      for (; i < n; ++i)
        sum[0] += logs[i];
    }
    return -((sum[0] + sum[1]) + (sum[2] + sum[3])) / static_cast<double>(output.n_cols);
  }

  void gradient(const arma::mat& output, const arma::mat& target,
                arma::mat& d_output) const override {
    check_sizes(output, target);
    d_output.set_size(arma::size(output)); // a no-op when it arrives sized, as it should
    // For 0/1 labels -y/a + (1 - y)/(1 - a) is -1/a or 1/(1 - a): (1 - 2y) / p with p the
    // probability given to the label, one division instead of two, to the same bits.
    constexpr arma::uword block = 256;
    double p[block];
    for (arma::uword first = 0; first < output.n_elem; first += block) {
      const arma::uword n = std::min(block, output.n_elem - first);
      const double* a = output.memptr() + first;
      const double* y = target.memptr() + first;
      double* d = d_output.memptr() + first;
      if (true_class_probabilities(a, y, p, n)) {
        for (arma::uword i = 0; i < n; ++i)
          d[i] = (1.0 - 2.0 * y[i]) / p[i];
      } else {
        for (arma::uword i = 0; i < n; ++i) {
          const double ai = clamped(a[i]);
          d[i] = -y[i] / ai + (1.0 - y[i]) / (1.0 - ai);
        }
      }
    }
  }

private:
  // The loops index both matrices alike, so a mismatch would read out of bounds.
  static void check_sizes(const arma::mat& output, const arma::mat& target) {
    if (arma::size(output) != arma::size(target))
      throw nnlab::DataError("loss 'binary_cross_entropy': target is " +
                             std::to_string(target.n_rows) + "x" + std::to_string(target.n_cols) +
                             ", output is " + std::to_string(output.n_rows) + "x" +
                             std::to_string(output.n_cols));
  }

  double clamped(double a) const { return std::clamp(a, epsilon_, 1.0 - epsilon_); }

  // p[i] = the probability given to the label y[i], a for 1 and 1 - a for 0, exactly and
  // without a branch on the label (a clipped); true when every label is 0 or 1. Written so
  // that the compiler vectorises the loop: the clipping by value (std::clamp's references
  // stop it), the labels that are not 0 or 1 counted as a double (exact: whole numbers).
  bool true_class_probabilities(const double* a, const double* y, double* p, arma::uword n) const {
    const double low = epsilon_, high = 1.0 - epsilon_;
    double others = 0.0;
    for (arma::uword i = 0; i < n; ++i) {
      double ai = a[i];
      ai = ai < low ? low : ai;
      ai = ai > high ? high : ai;
      p[i] = (1.0 - y[i]) + (2.0 * y[i] - 1.0) * ai;
      others += y[i] == 0.0 || y[i] == 1.0 ? 0.0 : 1.0;
    }
    return others == 0.0;
  }

  double epsilon_;
};

} // namespace

NNLAB_REGISTER_LOSS(BinaryCrossEntropy, "binary_cross_entropy",
                    "-(1/m) sum [y log a + (1-y) log(1-a)], for sigmoid outputs")
