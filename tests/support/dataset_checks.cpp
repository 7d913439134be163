#include "support/dataset_checks.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace nnlab::test {

void check_plane_split(const DataSplit& split, arma::uword n_train, arma::uword n_test) {
  REQUIRE(split.train.X.n_rows == 2);
  REQUIRE(split.train.X.n_cols == n_train);
  REQUIRE(split.test.X.n_cols == n_test);
  REQUIRE(split.feature_names == std::vector<std::string>{"x1", "x2"});
  REQUIRE(split.class_names == std::vector<std::string>{"0", "1"});
}

} // namespace nnlab::test
