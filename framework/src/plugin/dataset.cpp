#include "nnlab/plugin/dataset.hpp"

#include <charconv>
#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/plugin/plugin_config.hpp"

namespace nnlab {

Dataset::~Dataset() = default;

namespace {

std::string shortest(double value) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

void check_samples(const Samples& s, const char* split, std::size_t n_classes,
                   std::string_view source) {
  const std::string where = std::string(source) + ": " + split + " set: ";
  if (s.X.n_cols == 0) throw DataError(where + "no samples");
  if (s.y.n_elem != s.X.n_cols)
    throw DataError(where + std::to_string(s.X.n_cols) + " samples but " +
                    std::to_string(s.y.n_elem) + " labels");
  if (!s.X.is_finite()) throw DataError(where + "a feature value is NaN or infinite");
  for (arma::uword i = 0; i < s.y.n_elem; ++i) {
    const double label = s.y[i];
    if (!(label >= 0) || label != std::floor(label) || label >= static_cast<double>(n_classes))
      throw DataError(where + "sample " + std::to_string(i + 1) + " has label " + shortest(label) +
                      ", expected a class in 0.." + std::to_string(n_classes - 1));
  }
}

// An empty scaler is the identity; otherwise one finite mean and one finite positive scale
// per feature, or the stored network could not be applied to new data.
void check_scaler(const Scaler& scaler, arma::uword n_features, std::string_view source) {
  if (scaler.empty()) return;
  const std::string where = std::string(source) + ": scaler: ";
  if (scaler.mean.n_elem != n_features || scaler.scale.n_elem != n_features)
    throw DataError(where + std::to_string(scaler.mean.n_elem) + " means and " +
                    std::to_string(scaler.scale.n_elem) + " scales for " +
                    std::to_string(n_features) + " features, expected one of each per feature");
  for (arma::uword j = 0; j < n_features; ++j)
    if (!std::isfinite(scaler.mean[j]) || !std::isfinite(scaler.scale[j]) ||
        !(scaler.scale[j] > 0.0))
      throw DataError(where + "feature " + std::to_string(j + 1) + " has mean " +
                      shortest(scaler.mean[j]) + " and scale " + shortest(scaler.scale[j]) +
                      ", expected a finite mean and a finite scale > 0");
}

} // namespace

arma::uword test_count(const PluginConfig& config, arma::uword n) {
  const double fraction = config.get<double>("test_fraction");
  // Written negated so that NaN fails too.
  if (!(fraction > 0.0 && fraction < 1.0)) config.fail("test_fraction", "a number in (0, 1)");
  const long long n_test = std::llround(static_cast<double>(n) * fraction);
  if (n_test < 1 || n_test >= static_cast<long long>(n))
    config.fail("test_fraction", "a fraction that leaves at least one test and one train sample");
  return static_cast<arma::uword>(n_test);
}

DataSplit split_first(const arma::mat& X, const arma::rowvec& y, arma::uword n_test,
                      std::vector<std::string> feature_names,
                      std::vector<std::string> class_names) {
  DataSplit split;
  split.test = {X.head_cols(n_test), y.head(n_test)};
  split.train = {X.tail_cols(X.n_cols - n_test), y.tail(y.n_elem - n_test)};
  split.feature_names = std::move(feature_names);
  split.class_names = std::move(class_names);
  return split;
}

void check_split(const DataSplit& split, std::string_view source) {
  const std::size_t k = split.class_names.size();
  if (k < 2)
    throw DataError(std::string(source) + ": " + std::to_string(k) +
                    " class(es) found, expected at least 2");
  if (split.train.X.n_rows != split.test.X.n_rows)
    throw DataError(std::string(source) + ": train set has " +
                    std::to_string(split.train.X.n_rows) + " features, test set " +
                    std::to_string(split.test.X.n_rows));
  if (!split.feature_names.empty() && split.feature_names.size() != split.train.X.n_rows)
    throw DataError(std::string(source) + ": " + std::to_string(split.feature_names.size()) +
                    " feature names for " + std::to_string(split.train.X.n_rows) + " features");
  check_samples(split.train, "train", k, source);
  check_samples(split.test, "test", k, source);
  check_scaler(split.scaler, split.train.X.n_rows, source);
  const Samples& valid = split.valid;
  if (valid.X.n_cols == 0 && valid.y.n_elem == 0) return; // no validation set
  if (valid.X.n_rows != split.train.X.n_rows && valid.X.n_cols > 0)
    throw DataError(std::string(source) + ": train set has " +
                    std::to_string(split.train.X.n_rows) + " features, validation set " +
                    std::to_string(valid.X.n_rows));
  check_samples(valid, "validation", k, source);
}

} // namespace nnlab
