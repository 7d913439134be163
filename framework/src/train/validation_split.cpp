#include "nnlab/train/validation_split.hpp"

#include <charconv>
#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/plugin/holdout_split.hpp"

namespace nnlab {

namespace {

std::string shortest(double value) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

} // namespace

DataSplit hold_out_validation(const DataSplit& data, double fraction, std::uint64_t seed,
                              const std::string& where) {
  const arma::rowvec& y = data.train.y;
  const arma::uword m = y.n_elem;
  const std::size_t k = data.class_names.size();
  const auto fail = [&](const std::string& what) {
    throw ConfigError(where + "training.validation_fraction: " + what);
  };
  // holdout_split's own checks would speak of test_fraction: these speak of this key.
  for (std::size_t c = 0; c < k; ++c) {
    const arma::uword n = arma::accu(y == static_cast<double>(c));
    if (n < 2)
      fail("class '" + data.class_names[c] + "' has " + std::to_string(n) +
           " training sample(s); a stratified validation split needs at least 2 of each class, "
           "one for training and one for validation");
  }
  const auto n_valid = static_cast<arma::uword>(std::llround(static_cast<double>(m) * fraction));
  const std::string of = shortest(fraction) + " of " + std::to_string(m) + " training samples";
  if (n_valid < k)
    fail(of + " is " + std::to_string(n_valid) + " validation sample(s) for " + std::to_string(k) +
         " classes; expected at least one per class (a larger fraction)");
  if (m - n_valid < k)
    fail(of + " leaves " + std::to_string(m - n_valid) + " training sample(s) for " +
         std::to_string(k) + " classes; expected at least one per class (a smaller fraction)");

  const HoldoutPlan plan{fraction, true, true, seed};
  const Holdout held = holdout_split(y, data.class_names, plan, where + "validation split");
  DataSplit split;
  split.train = {data.train.X.cols(held.train), y.cols(held.train)};
  split.valid = {data.train.X.cols(held.test), y.cols(held.test)};
  split.test = data.test;
  split.feature_names = data.feature_names;
  split.class_names = data.class_names;
  return split;
}

} // namespace nnlab
