#include <cmath>
#include <cstdint>
#include <numbers>

#include <nnlab/plugin.hpp>

namespace {

/// The course's double spiral: two arms r = theta, theta in [0, 4 pi] (two turns), the
/// second turned by pi, each point moved by Gaussian noise:
///   arm 1 (class 0): x = theta (cos theta, sin theta) + noise N(0, I)
///   arm 2 (class 1): x = theta (cos(theta + pi), sin(theta + pi)) + noise N(0, I)
/// Both arms are stacked, shuffled, and the first round(2 n test_fraction) samples are the
/// test set.
class DoubleSpiral final : public nnlab::Dataset {
public:
  explicit DoubleSpiral(const nnlab::PluginConfig& config)
      : n_per_class_(config.get<std::int64_t>("n_points_per_class")),
        noise_(config.get<double>("noise")), seed_(config.get<std::int64_t>("seed")) {
    n_test_ = nnlab::test_count(config, 2 * static_cast<arma::uword>(n_per_class_));
  }

  static nnlab::ParamList params() {
    using namespace nnlab::param;
    return {
        integer("n_points_per_class", 500, "samples on each arm")
            .at_least(1)
            .at_most(max_points_per_class),
        number("noise", 0.2, "standard deviation of the Gaussian noise added to x1 and x2")
            .at_least(0),
        number("test_fraction", 0.2, "fraction of all samples held out as the test set")
            .above(0)
            .below(1),
        integer("seed", 42, "seed of the generator").at_least(0),
    };
  }

  nnlab::DataSplit load() const override {
    const auto n = static_cast<arma::uword>(n_per_class_);
    const double step = n > 1 ? 4.0 * std::numbers::pi / static_cast<double>(n - 1) : 0.0;
    nnlab::Rng rng(static_cast<std::uint64_t>(seed_));

    arma::mat X(2, 2 * n);
    arma::rowvec y(2 * n);
    for (arma::uword arm = 0; arm < 2; ++arm) {
      const double turn = static_cast<double>(arm) * std::numbers::pi;
      const arma::uword first = arm * n;
      // All x1 noises of the arm, then all x2 noises, in the course's order.
      for (arma::uword i = 0; i < n; ++i) {
        const double theta = step * static_cast<double>(i);
        X(0, first + i) = theta * std::cos(theta + turn) + noise_ * rng.normal();
      }
      for (arma::uword i = 0; i < n; ++i) {
        const double theta = step * static_cast<double>(i);
        X(1, first + i) = theta * std::sin(theta + turn) + noise_ * rng.normal();
      }
      y.cols(first, first + n - 1).fill(static_cast<double>(arm));
    }

    const arma::uvec order = rng.permutation(2 * n);
    const nnlab::DataSplit split =
        nnlab::split_first(X.cols(order), y.cols(order), n_test_, {"x1", "x2"}, {"0", "1"});
    nnlab::check_split(split, "double_spiral");
    return split;
  }

private:
  static constexpr std::int64_t max_points_per_class = 10'000'000;

  std::int64_t n_per_class_;
  double noise_;
  std::int64_t seed_;
  arma::uword n_test_ = 0;
};

} // namespace

NNLAB_REGISTER_DATASET(DoubleSpiral, "double_spiral",
                       "two interleaved spiral arms with Gaussian noise (the course's challenge)")
