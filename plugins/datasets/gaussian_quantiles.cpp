#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <nnlab/plugin.hpp>

#include "spread_split.hpp"

namespace {

/// scikit-learn's make_gaussian_quantiles, drawn with nnlab's Rng: nested shells of one
/// Gaussian cloud.
///   x_i = mean + sqrt(cov) z_i,  z_i ~ N(0, I),  i = 1..n_samples (drawn sample by sample)
///   the samples are sorted by ||x_i - mean||^2 (stably), and with step = floor(n / k),
///   k = n_classes, sample number j of that order (from 0) gets class min(floor(j / step),
///   k - 1): k - 1 classes of `step` samples, the outermost one also takes the remainder
///   shuffle: the samples are then permuted.
/// The split, as for moons, circles and blobs:
///   shuffle: true  -> the first round(n_samples test_fraction) samples are the test set;
///   shuffle: false -> samples stay sorted by distance and the test set is spread evenly
///                     over that order (split_spread), so every shell is in it.
class GaussianQuantiles final : public nnlab::Dataset {
public:
  explicit GaussianQuantiles(const nnlab::PluginConfig& config)
      : n_samples_(config.get<std::int64_t>("n_samples")),
        n_features_(config.get<std::int64_t>("n_features")),
        n_classes_(config.get<std::int64_t>("n_classes")), cov_(config.get<double>("cov")),
        shuffle_(config.get<bool>("shuffle")), seed_(config.get<std::int64_t>("seed")) {
    // params() declares each range; these checks relate two parameters.
    if (n_samples_ < n_classes_) config.fail("n_samples", "an integer in [n_classes, 10000000]");
    mean_.zeros(static_cast<arma::uword>(n_features_));
    if (config.has("mean")) {
      const auto mean = config.get<std::vector<double>>("mean");
      const std::string expected =
          "a list of n_features (" + std::to_string(n_features_) + ") finite numbers";
      if (mean.size() != mean_.n_elem) config.fail("mean", expected);
      mean_ = arma::vec(mean);
    }
    n_test_ = nnlab::test_count(config, static_cast<arma::uword>(n_samples_));
  }

  static nnlab::ParamList params() {
    using namespace nnlab::param;
    return {
        integer("n_samples", 100, "samples in train and test together, at least n_classes")
            .at_least(2)
            .at_most(max_samples),
        integer("n_features", 2, "dimension of the Gaussian").at_least(1).at_most(max_features),
        integer("n_classes", 3, "classes: shells of (nearly) equal size around the mean")
            .at_least(2)
            .at_most(max_classes),
        optional("mean", nnlab::ParamType::number_list,
                 "centre of the Gaussian, n_features numbers; default the origin"),
        number("cov", 1.0, "the covariance is cov times the identity").above(0),
        boolean("shuffle", true, "permute the samples (else sorted by distance, test set spread)"),
        number("test_fraction", 1.0 / 3.0, "fraction of the samples held out as the test set")
            .above(0)
            .below(1),
        integer("seed", 2025, "seed of the generator").at_least(0),
    };
  }

  nnlab::DataSplit load() const override {
    const auto n = static_cast<arma::uword>(n_samples_);
    const auto n_feat = static_cast<arma::uword>(n_features_);
    const auto k = static_cast<arma::uword>(n_classes_);
    nnlab::Rng rng(static_cast<std::uint64_t>(seed_));

    arma::mat X(n_feat, n);
    const double sd = std::sqrt(cov_);
    for (arma::uword i = 0; i < n; ++i)
      for (arma::uword j = 0; j < n_feat; ++j)
        X(j, i) = mean_[j] + sd * rng.normal();

    const arma::rowvec distance2 = arma::sum(arma::square(X.each_col() - mean_), 0);
    const arma::uvec by_distance = arma::stable_sort_index(distance2);
    X = arma::mat(X.cols(by_distance));
    const arma::uword step = n / k;
    arma::rowvec y(n);
    for (arma::uword i = 0; i < n; ++i)
      y[i] = static_cast<double>(std::min(i / step, k - 1));

    if (shuffle_) {
      const arma::uvec order = rng.permutation(n);
      X = arma::mat(X.cols(order));
      y = arma::rowvec(y.cols(order));
    }

    std::vector<std::string> feature_names, class_names;
    for (arma::uword j = 0; j < n_feat; ++j)
      feature_names.push_back("x" + std::to_string(j + 1));
    for (arma::uword c = 0; c < k; ++c)
      class_names.push_back(std::to_string(c));
    const nnlab::DataSplit split =
        shuffle_
            ? nnlab::split_first(X, y, n_test_, std::move(feature_names), std::move(class_names))
            : nnlab_datasets::split_spread(X, y, n_test_, std::move(feature_names),
                                           std::move(class_names));
    nnlab::check_split(split, "gaussian_quantiles");
    return split;
  }

private:
  static constexpr std::int64_t max_samples = 10'000'000;
  static constexpr std::int64_t max_features = 100'000;
  static constexpr std::int64_t max_classes = 10'000;

  std::int64_t n_samples_;
  std::int64_t n_features_;
  std::int64_t n_classes_;
  double cov_;
  bool shuffle_;
  std::int64_t seed_;
  arma::vec mean_;
  arma::uword n_test_ = 0;
};

} // namespace

NNLAB_REGISTER_DATASET(GaussianQuantiles, "gaussian_quantiles",
                       "scikit-learn's make_gaussian_quantiles: classes are nested shells of "
                       "one Gaussian, split at its distance quantiles")
