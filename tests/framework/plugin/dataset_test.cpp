#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/plugin/dataset.hpp"

using Catch::Matchers::Message;

namespace {

nnlab::DataSplit two_features() {
  const arma::mat X{{0.0, 1.0}, {2.0, 3.0}};
  return nnlab::split_first(X, arma::rowvec{0.0, 1.0}, 1, {"a", "b"}, {"no", "yes"});
}

} // namespace

TEST_CASE("check_split: a scaler needs one finite mean and positive scale per feature",
          "[dataset]") {
  nnlab::DataSplit split = two_features();
  CHECK_NOTHROW(nnlab::check_split(split, "data")); // no scaler: the identity
  split.scaler.mean = {0.5, 2.5};
  split.scaler.scale = {0.5, 1.0};
  CHECK_NOTHROW(nnlab::check_split(split, "data"));
  split.scaler.scale = {0.5};
  CHECK_THROWS_MATCHES(nnlab::check_split(split, "data"), nnlab::DataError,
                       Message("data: scaler: 2 means and 1 scales for 2 features, expected one "
                               "of each per feature"));
  split.scaler.scale = {0.5, 0.0};
  CHECK_THROWS_MATCHES(nnlab::check_split(split, "data"), nnlab::DataError,
                       Message("data: scaler: feature 2 has mean 2.5 and scale 0, expected a "
                               "finite mean and a finite scale > 0"));
}
