#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nnlab/plugin.hpp>

#include "spread_split.hpp"

namespace {

/// scikit-learn's make_blobs with an integer number of centers: isotropic Gaussian
/// clouds, one class per cloud. Drawn in this order:
///   centers: c_k = U[low, high)^n_features, k = 0 .. centers - 1 (center_box = [low, high])
///   cloud k: n_k samples x = c_k + cluster_std N(0, I), class k, where
///            n_k = n_samples / centers (rounded down), plus one for the first
///            n_samples mod centers clouds
/// Then, if `shuffle`, the samples are permuted. The split:
///   shuffle: true  -> the first round(n_samples test_fraction) samples are the test set;
///   shuffle: false -> samples keep their order (cloud by cloud) and the test set is
///                     spread evenly over it (split_spread): every cloud of at least
///                     ceil(n_samples / n_test) samples has test samples.
/// Features are x1 .. x<n_features>. sklearn's default n_samples is 100; 600 gives 200
/// samples per cloud and 400 train and 200 test samples here. Unlike sklearn, centers must
/// be at least 2 (a dataset here has at least two classes) and at most n_samples.
class Blobs final : public nnlab::Dataset {
public:
  explicit Blobs(const nnlab::PluginConfig& config)
      : n_samples_(config.get<std::int64_t>("n_samples")),
        n_features_(config.get<std::int64_t>("n_features")),
        centers_(config.get<std::int64_t>("centers")),
        cluster_std_(config.get<double>("cluster_std")), shuffle_(config.get<bool>("shuffle")),
        seed_(config.get<std::int64_t>("seed")) {
    // params() declares each range; these checks relate two parameters or two values.
    if (centers_ > n_samples_) config.fail("centers", "an integer in [2, min(n_samples, 10000)]");
    if (config.has("center_box")) {
      const std::vector<double> box = config.get<std::vector<double>>("center_box");
      if (box.size() != 2 || !(box[0] < box[1]))
        config.fail("center_box", "a list of two numbers [low, high] with low < high");
      low_ = box[0];
      high_ = box[1];
    }
    n_test_ = nnlab::test_count(config, static_cast<arma::uword>(n_samples_));
  }

  static nnlab::ParamList params() {
    using namespace nnlab::param;
    return {
        integer("n_samples", 600, "samples in train and test together, shared by the clouds")
            .at_least(2)
            .at_most(max_samples),
        integer("n_features", 2, "dimension of the points").at_least(1).at_most(max_features),
        integer("centers", 3, "number of clouds (classes), at most n_samples")
            .at_least(2)
            .at_most(max_centers),
        number("cluster_std", 1.0, "standard deviation of each cloud around its center")
            .at_least(0),
        optional("center_box", nnlab::ParamType::number_list,
                 "[low, high]: centers are uniform in this box per coordinate (default [-10, 10])"),
        boolean("shuffle", true, "permute the samples (else cloud by cloud, test set spread)"),
        number("test_fraction", 1.0 / 3.0, "fraction of the samples held out as the test set")
            .above(0)
            .below(1),
        integer("seed", 2025, "seed of the generator").at_least(0),
    };
  }

  nnlab::DataSplit load() const override {
    const auto n = static_cast<arma::uword>(n_samples_);
    const auto d = static_cast<arma::uword>(n_features_);
    const auto k = static_cast<arma::uword>(centers_);
    nnlab::Rng rng(static_cast<std::uint64_t>(seed_));

    arma::mat centers(d, k);
    for (arma::uword c = 0; c < k; ++c)
      for (arma::uword j = 0; j < d; ++j)
        centers(j, c) = rng.uniform(low_, high_);

    arma::mat X(d, n);
    arma::rowvec y(n);
    arma::uword i = 0;
    for (arma::uword c = 0; c < k; ++c) {
      const arma::uword n_c = n / k + (c < n % k ? 1 : 0);
      for (arma::uword s = 0; s < n_c; ++s, ++i) {
        for (arma::uword j = 0; j < d; ++j)
          X(j, i) = centers(j, c) + cluster_std_ * rng.normal();
        y[i] = static_cast<double>(c);
      }
    }
    if (shuffle_) {
      const arma::uvec order = rng.permutation(n);
      X = X.cols(order);
      y = y.cols(order);
    }

    std::vector<std::string> features, classes;
    for (arma::uword j = 0; j < d; ++j)
      features.push_back("x" + std::to_string(j + 1));
    for (arma::uword c = 0; c < k; ++c)
      classes.push_back(std::to_string(c));
    const nnlab::DataSplit split =
        shuffle_
            ? nnlab::split_first(X, y, n_test_, std::move(features), std::move(classes))
            : nnlab_datasets::split_spread(X, y, n_test_, std::move(features), std::move(classes));
    nnlab::check_split(split, "blobs");
    return split;
  }

private:
  static constexpr std::int64_t max_samples = 10'000'000;
  static constexpr std::int64_t max_features = 1000;
  static constexpr std::int64_t max_centers = 10'000;

  std::int64_t n_samples_;
  std::int64_t n_features_;
  std::int64_t centers_;
  double cluster_std_;
  double low_ = -10.0;
  double high_ = 10.0;
  bool shuffle_;
  std::int64_t seed_;
  arma::uword n_test_ = 0;
};

} // namespace

NNLAB_REGISTER_DATASET(Blobs, "blobs",
                       "isotropic Gaussian clouds, one class each (scikit-learn's make_blobs)")
