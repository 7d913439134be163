#pragma once

#include <armadillo>
#include <string_view>

namespace nnlab::test {

/// For the loss built from `yaml`: check_loss_gradient passes, i.e. gradient(a, y) equals
/// m = a.n_cols times the central difference gradient of value(., y) at a, to a relative
/// error below 1e-6 (the gradient check of `runner check-plugin`, on these a and y).
void check_gradient_matches_value(std::string_view yaml, const arma::mat& a, const arma::mat& y);

} // namespace nnlab::test
