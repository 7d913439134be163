#include "support/loss_checks.hpp"

#include <catch2/catch.hpp>

#include "nnlab/check/finite_difference.hpp"
#include "support/plugins.hpp"

namespace nnlab::test {

void check_gradient_matches_value(std::string_view yaml, const arma::mat& a, const arma::mat& y) {
  const auto loss = make_loss(yaml);
  arma::mat d_a(arma::size(a));
  loss->gradient(a, y, d_a);
  const arma::vec numeric = numeric_gradient(
      [&](const arma::vec& x) { return loss->value(arma::reshape(x, a.n_rows, a.n_cols), y); },
      arma::vectorise(a));
  const double m = static_cast<double>(a.n_cols);
  CAPTURE(yaml, a, y, d_a, numeric);
  REQUIRE(relative_error(arma::vectorise(d_a), m * numeric) < 1e-6);
}

} // namespace nnlab::test
