#include <cmath>
#include <cstdint>

#include <nnlab/plugin.hpp>

namespace {

/// XOR in the plane: four square clouds, one per quadrant, kept `margin` away from both
/// axes. For each sample, drawn in this order:
///   s1, s2 = +1 or -1, each with probability 1/2
///   x1 = s1 U[margin, extent),  x2 = s2 U[margin, extent)
///   y = 1 where s1 != s2 (x1 x2 < 0), else 0
/// The samples are i.i.d., so the first round(n_samples test_fraction) drawn are the test
/// set and the rest the training set. data/xor_*.csv hold its output for the defaults.
class Xor final : public nnlab::Dataset {
public:
  explicit Xor(const nnlab::PluginConfig& config)
      : n_samples_(config.get<std::int64_t>("n_samples")), extent_(config.get<double>("extent")),
        margin_(config.get<double>("margin")), seed_(config.get<std::int64_t>("seed")) {
    // params() declares each range; this check relates two parameters.
    if (!(margin_ < extent_)) config.fail("margin", "a number in [0, extent)");
    n_test_ = nnlab::test_count(config, static_cast<arma::uword>(n_samples_));
  }

  static nnlab::ParamList params() {
    using namespace nnlab::param;
    return {
        integer("n_samples", 1500, "samples in train and test together")
            .at_least(2)
            .at_most(max_samples),
        number("test_fraction", 1.0 / 3.0, "fraction of the samples held out as the test set")
            .above(0)
            .below(1),
        number("extent", 6.0, "points lie in [-extent, extent]^2").above(0),
        number("margin", 0.5, "distance every point keeps from both axes, below extent")
            .at_least(0),
        integer("seed", 2025, "seed of the generator").at_least(0),
    };
  }

  nnlab::DataSplit load() const override {
    const auto n = static_cast<arma::uword>(n_samples_);
    nnlab::Rng rng(static_cast<std::uint64_t>(seed_));

    arma::mat X(2, n);
    arma::rowvec y(n);
    for (arma::uword i = 0; i < n; ++i) {
      const double s1 = rng.uniform() < 0.5 ? 1.0 : -1.0;
      const double s2 = rng.uniform() < 0.5 ? 1.0 : -1.0;
      X(0, i) = s1 * rng.uniform(margin_, extent_);
      X(1, i) = s2 * rng.uniform(margin_, extent_);
      y[i] = s1 != s2 ? 1.0 : 0.0;
    }

    const nnlab::DataSplit split = nnlab::split_first(X, y, n_test_, {"x1", "x2"}, {"0", "1"});
    nnlab::check_split(split, "xor");
    return split;
  }

private:
  static constexpr std::int64_t max_samples = 10'000'000;

  std::int64_t n_samples_;
  double extent_;
  double margin_;
  std::int64_t seed_;
  arma::uword n_test_ = 0;
};

} // namespace

NNLAB_REGISTER_DATASET(Xor, "xor", "four quadrant clouds; class 1 where x1 and x2 differ in sign")
