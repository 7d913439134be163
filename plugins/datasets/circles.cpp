#include <cmath>
#include <cstdint>
#include <numbers>

#include <nnlab/plugin.hpp>

#include "spread_split.hpp"

namespace {

/// scikit-learn's make_circles: a small circle inside a large one. With n_out = n_samples / 2
/// (rounded down) and n_in = n_samples - n_out,
///   outer (class 0): x = (cos t, sin t),                   t = 2 pi i / n_out, i < n_out
///   inner (class 1): x = factor (cos t, sin t),            t = 2 pi i / n_in,  i < n_in
/// (linspace(0, 2 pi, m, endpoint=False)). Then, as sklearn does: if `shuffle`, the samples
/// are permuted, and Gaussian noise N(0, noise^2 I) is added to every point (drawn x1, x2
/// per sample). The split:
///   shuffle: true  -> the first round(n_samples test_fraction) samples are the test set;
///   shuffle: false -> samples keep their order (outer then inner) and the test set is
///                     spread evenly over it (split_spread), so both classes are in it.
/// sklearn's default n_samples is 100; 600 gives 400 train and 200 test samples here.
class Circles final : public nnlab::Dataset {
public:
  explicit Circles(const nnlab::PluginConfig& config)
      : n_samples_(config.get<std::int64_t>("n_samples")), noise_(config.get<double>("noise")),
        factor_(config.get<double>("factor")), shuffle_(config.get<bool>("shuffle")),
        seed_(config.get<std::int64_t>("seed")) {
    n_test_ = nnlab::test_count(config, static_cast<arma::uword>(n_samples_));
  }

  static nnlab::ParamList params() {
    using namespace nnlab::param;
    return {
        integer("n_samples", 600, "samples in train and test together (half per circle)")
            .at_least(2)
            .at_most(max_samples),
        number("noise", 0.0, "standard deviation of the Gaussian noise added to x1 and x2")
            .at_least(0),
        number("factor", 0.8, "radius of the inner circle (class 1)").above(0).below(1),
        boolean("shuffle", true, "permute the samples (else outer circle first, test set spread)"),
        number("test_fraction", 1.0 / 3.0, "fraction of the samples held out as the test set")
            .above(0)
            .below(1),
        integer("seed", 2025, "seed of the generator").at_least(0),
    };
  }

  nnlab::DataSplit load() const override {
    const auto n = static_cast<arma::uword>(n_samples_);
    const arma::uword n_out = n / 2, n_in = n - n_out;
    nnlab::Rng rng(static_cast<std::uint64_t>(seed_));

    arma::mat X(2, n);
    arma::rowvec y(n);
    for (arma::uword i = 0; i < n_out; ++i) {
      const double t = 2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n_out);
      X(0, i) = std::cos(t);
      X(1, i) = std::sin(t);
      y[i] = 0.0;
    }
    for (arma::uword i = 0; i < n_in; ++i) {
      const double t = 2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n_in);
      X(0, n_out + i) = factor_ * std::cos(t);
      X(1, n_out + i) = factor_ * std::sin(t);
      y[n_out + i] = 1.0;
    }
    if (shuffle_) {
      const arma::uvec order = rng.permutation(n);
      X = X.cols(order);
      y = y.cols(order);
    }
    if (noise_ > 0.0)
      for (arma::uword i = 0; i < n; ++i)
        for (arma::uword d = 0; d < 2; ++d)
          X(d, i) += noise_ * rng.normal();

    const nnlab::DataSplit split =
        shuffle_ ? nnlab::split_first(X, y, n_test_, {"x1", "x2"}, {"0", "1"})
                 : nnlab_datasets::split_spread(X, y, n_test_, {"x1", "x2"}, {"0", "1"});
    nnlab::check_split(split, "circles");
    return split;
  }

private:
  static constexpr std::int64_t max_samples = 10'000'000;

  std::int64_t n_samples_;
  double noise_;
  double factor_;
  bool shuffle_;
  std::int64_t seed_;
  arma::uword n_test_ = 0;
};

} // namespace

NNLAB_REGISTER_DATASET(Circles, "circles",
                       "a small circle inside a large one (scikit-learn's make_circles)")
