#include "support/dataset_checks.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nnlab/check/dataset_check.hpp"

namespace nnlab::test {

void check_plane_split(const DataSplit& split, arma::uword n_train, arma::uword n_test) {
  const CheckReport report = check_data_split(split, "the split");
  INFO(report.text());
  REQUIRE(report.passed());
  REQUIRE(split.train.X.n_rows == 2);
  REQUIRE(split.train.X.n_cols == n_train);
  REQUIRE(split.test.X.n_cols == n_test);
  REQUIRE(split.feature_names == std::vector<std::string>{"x1", "x2"});
  REQUIRE(split.class_names == std::vector<std::string>{"0", "1"});
}

arma::mat unspread(const arma::mat& train, const arma::mat& test) {
  const arma::uword n_test = test.n_cols, n = train.n_cols + n_test;
  arma::uvec is_test(n, arma::fill::zeros);
  for (arma::uword j = 0; j < n_test; ++j)
    is_test[(2 * j + 1) * n / (2 * n_test)] = 1;
  REQUIRE(arma::accu(is_test) == n_test);
  arma::mat all(test.n_rows, n);
  all.cols(arma::find(is_test)) = test;
  all.cols(arma::find(is_test == 0)) = train;
  return all;
}

} // namespace nnlab::test
