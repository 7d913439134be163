#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "nnlab/model/activation.hpp"
#include "nnlab/model/mlp.hpp"

namespace nnlab::test {

/// The straightforward path the optimised kernels must equal: each formula written once
/// as a plain Armadillo expression or loop (std::tanh, std::exp, BLAS products), as the
/// course writes it.

/// a = f(z).
arma::mat reference_forward(const Activation& f, const arma::mat& z);
/// delta = dA % f'(z), from a = f(z); softmax per column: a % (dA - a^T dA).
arma::mat reference_backward(const Activation& f, const arma::mat& a, const arma::mat& dA);

/// Every node and gradient of one pass, indexed like Nodes (0 unused).
struct ReferencePass {
  std::vector<arma::mat> z, a, dA, delta, dW;
  std::vector<arma::vec> db;
};
/// z_l = W_l a_{l-1} + b_l, a_l = f_l(z_l); then from dA_L (when not empty) the backward
/// pass: delta_l, dW_l = delta_l a_{l-1}^T / m, db_l = sum(delta_l, 1) / m,
/// dA_{l-1} = W_l^T delta_l.
ReferencePass reference_pass(const Mlp& mlp, const arma::mat& X, const arma::mat& dA_L = {});
/// The pass's dW_l and db_l laid out as Mlp::grads(): [W1, b1, W2, b2, ...], W column-major.
arma::vec reference_grads(const ReferencePass& pass);

/// Empty when x equals reference to `tol` relative to `scale` element by element
/// (|x - ref| <= tol * scale, scale >= |ref|: the magnitude of what was summed), with NaN
/// exactly where the reference has NaN and the same infinities; else what differs first.
std::string mismatch(const arma::mat& x, const arma::mat& reference, const arma::mat& scale,
                     double tol = 1e-12);
/// The same with scale = |reference|: plain relative error.
std::string mismatch(const arma::mat& x, const arma::mat& reference, double tol = 1e-12);
/// The same with scale = the largest finite |reference|: relative in the max norm, for
/// whole passes where rounding from earlier layers spreads over every element.
std::string norm_mismatch(const arma::mat& x, const arma::mat& reference, double tol = 1e-12);

} // namespace nnlab::test
