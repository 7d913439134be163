#include "support/loss_checks.hpp"

#include <catch2/catch.hpp>

#include "nnlab/check/loss_check.hpp"
#include "support/plugins.hpp"

namespace nnlab::test {

void check_gradient_matches_value(std::string_view yaml, const arma::mat& a, const arma::mat& y) {
  const CheckResult result = check_loss_gradient(*make_loss(yaml), a, y);
  CAPTURE(yaml, a, y);
  INFO(result.detail);
  REQUIRE(result.passed);
}

} // namespace nnlab::test
