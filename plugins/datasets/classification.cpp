#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <unordered_set>
#include <vector>

#include <nnlab/plugin.hpp>

#include "spread_split.hpp"

namespace {

/// scikit-learn's make_classification, drawn with nnlab's Rng in sklearn's order. With
/// d = n_informative, r = n_redundant, p = n_repeated, c = n_classes and
/// K = c n_clusters_per_class clusters:
///   centroids v_k: K distinct vertices of the hypercube {-class_sep, +class_sep}^d, a
///     random subset of its 2^d corners (hypercube: false then scales each centroid by
///     U[0, 1) and each axis by U[0, 1): the vertices of a random polytope)
///   cluster k gets n_k = floor(n_samples w_(k mod c) / n_clusters_per_class) samples
///     (w_j = 1/c unless `weights` says otherwise), the rest one each to the first
///     clusters; its label is k mod c and each of its points, as a row, is
///     x_I = z A_k + v_k,  z ~ N(0, I_d),  A_k a d x d matrix of U[-1, 1) entries
///   redundant features: x_R = x_I B, B a d x r matrix of U[-1, 1) entries
///   repeated features: copies of features floor((d + r - 1) U[0, 1) + 0.5) of [x_I x_R]
///   the remaining features: N(0, 1) noise
///   flip_y: each label, with probability flip_y, is replaced by a class drawn uniformly
///     (which may be the same class)
///   x = (x + shift) scale
///   shuffle: the samples, then the features, are permuted.
/// The split, as for moons, circles and blobs:
///   shuffle: true  -> the first round(n_samples test_fraction) samples are the test set;
///   shuffle: false -> samples keep their order (cluster by cluster) and the test set is
///                     spread evenly over it (split_spread), so every cluster is in it.
class Classification final : public nnlab::Dataset {
public:
  explicit Classification(const nnlab::PluginConfig& config)
      : n_samples_(config.get<std::int64_t>("n_samples")),
        n_features_(config.get<std::int64_t>("n_features")),
        n_informative_(config.get<std::int64_t>("n_informative")),
        n_redundant_(config.get<std::int64_t>("n_redundant")),
        n_repeated_(config.get<std::int64_t>("n_repeated")),
        n_classes_(config.get<std::int64_t>("n_classes")),
        n_clusters_per_class_(config.get<std::int64_t>("n_clusters_per_class")),
        flip_y_(config.get<double>("flip_y")), class_sep_(config.get<double>("class_sep")),
        hypercube_(config.get<bool>("hypercube")), shift_(config.get<double>("shift")),
        scale_(config.get<double>("scale")), shuffle_(config.get<bool>("shuffle")),
        seed_(config.get<std::int64_t>("seed")) {
    // params() declares each range; these checks relate parameters to each other.
    if (n_informative_ > n_features_) config.fail("n_informative", "an integer in [1, n_features]");
    if (n_redundant_ > n_features_) config.fail("n_redundant", "an integer in [0, n_features]");
    if (n_repeated_ > n_features_) config.fail("n_repeated", "an integer in [0, n_features]");
    const std::int64_t n_used = n_informative_ + n_redundant_ + n_repeated_;
    if (n_used > n_features_)
      config.fail("n_features", "an integer >= n_informative + n_redundant + n_repeated = " +
                                    std::to_string(n_used));
    // The clusters sit on distinct hypercube vertices, so there must be enough of them.
    const std::int64_t n_clusters = n_classes_ * n_clusters_per_class_;
    if (n_informative_ < 62 && n_clusters > (std::int64_t{1} << n_informative_))
      config.fail("n_informative", "an integer with 2^n_informative >= n_classes * "
                                   "n_clusters_per_class = " +
                                       std::to_string(n_clusters));
    weights_.assign(static_cast<std::size_t>(n_classes_), 1.0 / static_cast<double>(n_classes_));
    if (config.has("weights")) read_weights(config);
    n_test_ = nnlab::test_count(config, static_cast<arma::uword>(n_samples_));
  }

  static nnlab::ParamList params() {
    using namespace nnlab::param;
    using nnlab::ParamType;
    return {
        integer("n_samples", 100, "samples in train and test together")
            .at_least(2)
            .at_most(max_samples),
        integer("n_features", 20, "features in all: informative, redundant, repeated, noise")
            .at_least(1)
            .at_most(max_features),
        integer("n_informative", 2, "features that carry the clusters, at most n_features")
            .at_least(1),
        integer("n_redundant", 2, "random linear combinations of the informative features")
            .at_least(0),
        integer("n_repeated", 0, "copies of random informative or redundant features").at_least(0),
        integer("n_classes", 2, "classes").at_least(2).at_most(max_classes),
        integer("n_clusters_per_class", 2, "Gaussian clusters of each class")
            .at_least(1)
            .at_most(max_classes),
        optional("weights", ParamType::number_list,
                 "share of the samples per class (n_classes, or n_classes - 1 with the last "
                 "1 - sum); default equal shares")
            .at_least(0)
            .at_most(1),
        number("flip_y", 0.01, "fraction of labels replaced by a random class")
            .at_least(0)
            .at_most(1),
        number("class_sep", 1.0, "half the side of the hypercube the clusters sit on").above(0),
        boolean("hypercube", true, "clusters on hypercube vertices, else on a random polytope"),
        number("shift", 0.0, "added to every feature (after the noise, before scale)"),
        number("scale", 1.0, "every feature is multiplied by it, after shift").above(0),
        boolean("shuffle", true,
                "permute samples and features (else cluster by cluster, test set spread)"),
        number("test_fraction", 1.0 / 3.0, "fraction of the samples held out as the test set")
            .above(0)
            .below(1),
        integer("seed", 2025, "seed of the generator").at_least(0),
    };
  }

  nnlab::DataSplit load() const override {
    const auto n = static_cast<arma::uword>(n_samples_);
    const auto d = static_cast<arma::uword>(n_informative_);
    const auto r = static_cast<arma::uword>(n_redundant_);
    const auto p = static_cast<arma::uword>(n_repeated_);
    const auto n_feat = static_cast<arma::uword>(n_features_);
    const auto n_cls = static_cast<arma::uword>(n_classes_);
    const auto per_class = static_cast<arma::uword>(n_clusters_per_class_);
    const arma::uword n_clusters = n_cls * per_class;
    nnlab::Rng rng(static_cast<std::uint64_t>(seed_));

    // Samples per cluster: floor(n w / n_clusters_per_class), the rest one each in turn.
    std::vector<arma::uword> size(n_clusters);
    for (arma::uword k = 0; k < n_clusters; ++k)
      size[k] = static_cast<arma::uword>(static_cast<double>(n) * weights_[k % n_cls] /
                                         static_cast<double>(per_class));
    const arma::uword assigned = std::accumulate(size.begin(), size.end(), arma::uword{0});
    for (arma::uword i = 0; i + assigned < n; ++i)
      ++size[i % n_clusters];

    arma::mat centroids = hypercube_vertices(rng, n_clusters, d) * (2.0 * class_sep_) - class_sep_;
    if (!hypercube_) {
      for (arma::uword k = 0; k < n_clusters; ++k)
        centroids.col(k) *= rng.uniform();
      for (arma::uword j = 0; j < d; ++j)
        centroids.row(j) *= rng.uniform();
    }

    arma::mat X(n_feat, n);
    arma::rowvec y(n);
    fill_normal(rng, X, 0, d);
    arma::uword start = 0;
    for (arma::uword k = 0; k < n_clusters; ++k) {
      const arma::mat A = uniform_matrix(rng, d, d);
      if (size[k] > 0) {
        const arma::span cols(start, start + size[k] - 1);
        // Rows x = z A + v are columns x = A^T z + v here.
        X(arma::span(0, d - 1), cols) = A.t() * X(arma::span(0, d - 1), cols);
        X(arma::span(0, d - 1), cols).each_col() += centroids.col(k);
        y.cols(cols).fill(static_cast<double>(k % n_cls));
      }
      start += size[k];
    }
    if (r > 0) X.rows(d, d + r - 1) = uniform_matrix(rng, d, r).t() * X.rows(0, d - 1);
    for (arma::uword j = 0; j < p; ++j) {
      const auto source =
          static_cast<arma::uword>(static_cast<double>(d + r - 1) * rng.uniform() + 0.5);
      X.row(d + r + j) = X.row(source);
    }
    fill_normal(rng, X, d + r + p, n_feat - d - r - p);

    std::vector<arma::uword> flipped;
    for (arma::uword i = 0; i < n; ++i)
      if (rng.uniform() < flip_y_) flipped.push_back(i);
    for (const arma::uword i : flipped)
      y[i] = static_cast<double>(rng.below(n_cls));

    X = (X + shift_) * scale_;
    if (shuffle_) {
      const arma::uvec samples = rng.permutation(n);
      const arma::uvec features = rng.permutation(n_feat);
      const arma::mat by_sample = X.cols(samples);
      const arma::rowvec labels = y.cols(samples);
      X = by_sample.rows(features);
      y = labels;
    }

    std::vector<std::string> feature_names = names("x", n_feat, 1);
    std::vector<std::string> class_names = names("", n_cls, 0);
    const nnlab::DataSplit split =
        shuffle_
            ? nnlab::split_first(X, y, n_test_, std::move(feature_names), std::move(class_names))
            : nnlab_datasets::split_spread(X, y, n_test_, std::move(feature_names),
                                           std::move(class_names));
    nnlab::check_split(split, "classification");
    return split;
  }

private:
  static constexpr std::int64_t max_samples = 10'000'000;
  static constexpr std::int64_t max_features = 100'000;
  static constexpr std::int64_t max_classes = 10'000;
  // sklearn draws the vertices as 30-bit numbers; higher dimensions get random bits.
  static constexpr arma::uword distinct_bits = 30;

  void read_weights(const nnlab::PluginConfig& config) {
    const auto given = config.get<std::vector<double>>("weights");
    const std::string expected =
        "a list of n_classes or n_classes - 1 (" + std::to_string(n_classes_) + " or " +
        std::to_string(n_classes_ - 1) + ") numbers >= 0 that sum to at most 1";
    const auto n_cls = static_cast<std::size_t>(n_classes_);
    if (given.size() != n_cls && given.size() + 1 != n_cls) config.fail("weights", expected);
    double sum = 0.0; // each share is in [0, 1], as params() declares
    for (const double w : given)
      sum += w;
    // A little slack for shares such as 1/3 written in decimals.
    if (!(sum <= 1.0 + 1e-9)) config.fail("weights", expected);
    weights_ = given;
    if (given.size() + 1 == n_cls) weights_.push_back(std::max(0.0, 1.0 - sum));
  }

  /// n_vertices distinct corners of {0, 1}^d as columns, a random subset in random order.
  static arma::mat hypercube_vertices(nnlab::Rng& rng, arma::uword n_vertices, arma::uword d) {
    const arma::uword low = std::min(d, distinct_bits);
    arma::mat vertices(d, n_vertices);
    for (arma::uword k = 0; k < n_vertices; ++k)
      for (arma::uword j = 0; j + low < d; ++j)
        vertices(j, k) = static_cast<double>(rng.below(2));
    // Floyd's sampling of distinct numbers in [0, 2^low), then a shuffle of their order.
    const std::uint64_t range = std::uint64_t{1} << low;
    std::unordered_set<std::uint64_t> chosen;
    std::vector<std::uint64_t> numbers;
    for (std::uint64_t top = range - n_vertices; top < range; ++top) {
      const std::uint64_t pick = rng.below(top + 1);
      const std::uint64_t number = chosen.contains(pick) ? top : pick;
      chosen.insert(number);
      numbers.push_back(number);
    }
    const arma::uvec order = rng.permutation(n_vertices);
    for (arma::uword k = 0; k < n_vertices; ++k)
      for (arma::uword b = 0; b < low; ++b)
        vertices(d - 1 - b, k) = static_cast<double>((numbers[order[k]] >> b) & 1U);
    return vertices;
  }

  /// A rows x cols matrix of U[-1, 1) entries, drawn row by row as NumPy does.
  static arma::mat uniform_matrix(nnlab::Rng& rng, arma::uword rows, arma::uword cols) {
    arma::mat M(rows, cols);
    for (arma::uword i = 0; i < rows; ++i)
      for (arma::uword j = 0; j < cols; ++j)
        M(i, j) = rng.uniform(-1.0, 1.0);
    return M;
  }

  /// N(0, 1) into features [first, first + count) of every sample, sample by sample.
  static void fill_normal(nnlab::Rng& rng, arma::mat& X, arma::uword first, arma::uword count) {
    for (arma::uword i = 0; i < X.n_cols; ++i)
      for (arma::uword j = first; j < first + count; ++j)
        X(j, i) = rng.normal();
  }

  static std::vector<std::string> names(const std::string& prefix, arma::uword count,
                                        arma::uword first) {
    std::vector<std::string> out;
    for (arma::uword i = 0; i < count; ++i)
      out.push_back(prefix + std::to_string(first + i));
    return out;
  }

  std::int64_t n_samples_;
  std::int64_t n_features_;
  std::int64_t n_informative_;
  std::int64_t n_redundant_;
  std::int64_t n_repeated_;
  std::int64_t n_classes_;
  std::int64_t n_clusters_per_class_;
  double flip_y_;
  double class_sep_;
  bool hypercube_;
  double shift_;
  double scale_;
  bool shuffle_;
  std::int64_t seed_;
  std::vector<double> weights_;
  arma::uword n_test_ = 0;
};

} // namespace

NNLAB_REGISTER_DATASET(Classification, "classification",
                       "scikit-learn's make_classification: Gaussian clusters on hypercube "
                       "vertices plus redundant, repeated and noise features")
