#include <catch2/catch.hpp>

#include <limits>

#include "model/activation_kernels.hpp"
#include "nnlab/core/rng.hpp"
#include "support/random_matrix.hpp"
#include "support/reference_mlp.hpp"

using nnlab::Activation;
using nnlab::test::mismatch;
using nnlab::test::random_matrix;

namespace {

const double inf = std::numeric_limits<double>::infinity();
const double not_a_number = std::numeric_limits<double>::quiet_NaN();

// Values in [-scale, scale), some of each sign, in a shape with a vector tail (odd sizes).

// Where exp, expm1 and the formulas change regime: signed zeros, tiny and huge values,
// tanh's saturation (|z| ~ 19), exp's overflow (710) and underflow (-745), NaN and Inf.
arma::mat special_values() {
  return arma::mat{
      {0.0, -0.0, 1e-300, -1e-300, 1e-17, -3e-9, 0.25, -0.5, 0.55, -0.9},
      {1.0, -2.5, 7.0, -18.5, 19.2, -22.0, 36.0, -40.0, 300.0, -709.0},
      {709.8, -710.0, 745.2, -746.0, 1e308, -1e308, inf, -inf, not_a_number, -not_a_number}};
}

const Activation all_kinds[] = {
    Activation(Activation::Kind::tanh),     Activation(Activation::Kind::sigmoid),
    Activation(Activation::Kind::relu),     Activation(Activation::Kind::leaky_relu, 0.2),
    Activation(Activation::Kind::identity), Activation(Activation::Kind::softmax)};

} // namespace

TEST_CASE("ActivationKernels: forward equals the plain formulas to 1e-12 relative",
          "[model][activation][kernels]") {
  const Activation f = GENERATE(from_range(std::begin(all_kinds), std::end(all_kinds)));
  const auto [rows, cols] = GENERATE(
      table<arma::uword, arma::uword>({{1, 1}, {1, 7}, {3, 1000}, {2, 501}, {32, 203}, {5, 17}}));
  CAPTURE(f.describe(), rows, cols);
  const arma::mat z = random_matrix(rows, cols, rows * 1000 + cols, 6.0);
  arma::mat a(rows, cols);
  nnlab::kernels::activation_forward(f, z.memptr(), a.memptr(), rows, cols);
  CHECK(mismatch(a, nnlab::test::reference_forward(f, z)) == "");
}

TEST_CASE("ActivationKernels: forward keeps NaN, Inf, signed zeros and the extremes",
          "[model][activation][kernels]") {
  const Activation f = GENERATE(from_range(std::begin(all_kinds), std::end(all_kinds)));
  CAPTURE(f.describe());
  // Softmax mixes a column: one NaN or Inf there turns the whole column NaN, in both.
  const arma::mat z = special_values();
  arma::mat a(arma::size(z));
  nnlab::kernels::activation_forward(f, z.memptr(), a.memptr(), z.n_rows, z.n_cols);
  const arma::mat reference = nnlab::test::reference_forward(f, z);
  CHECK(mismatch(a, reference) == "");
  if (f.kind() == Activation::Kind::tanh) {
    CHECK(std::signbit(a(0, 1))); // tanh(-0) = -0
    CHECK(a(1, 5) == -1.0);       // saturated exactly, as std::tanh
  }
  if (f.kind() == Activation::Kind::sigmoid) {
    CHECK(a(2, 6) == 1.0); // sigmoid(+inf)
    CHECK(a(2, 7) == 0.0); // sigmoid(-inf): exp overflows to inf, 1 / inf
  }
}

TEST_CASE("ActivationKernels: backward and its row sums equal the plain formulas",
          "[model][activation][kernels]") {
  const Activation f = GENERATE(from_range(std::begin(all_kinds), std::end(all_kinds)));
  const auto [rows, cols] =
      GENERATE(table<arma::uword, arma::uword>({{1, 1}, {1, 1000}, {3, 7}, {32, 203}}));
  CAPTURE(f.describe(), rows, cols);
  const arma::mat z = random_matrix(rows, cols, 7 * rows + cols, 4.0);
  const arma::mat a = nnlab::test::reference_forward(f, z);
  const arma::mat dA = random_matrix(rows, cols, 11 * rows + cols, 2.0);
  const arma::mat reference = nnlab::test::reference_backward(f, a, dA);

  arma::mat delta(rows, cols);
  arma::vec row_sums(rows);
  nnlab::kernels::activation_backward(f, a.memptr(), dA.memptr(), delta.memptr(), rows, cols,
                                      row_sums.memptr());
  CHECK(mismatch(delta, reference) == "");
  // A sum's rounding is relative to the size of its terms, not of the result.
  CHECK(mismatch(row_sums, arma::sum(reference, 1), arma::sum(arma::abs(reference), 1)) == "");
  nnlab::kernels::activation_backward(f, a.memptr(), dA.memptr(), delta.memptr(), rows, cols);
  CHECK(mismatch(delta, reference) == "");
}

TEST_CASE("ActivationKernels: backward carries NaN and Inf from dA and a",
          "[model][activation][kernels]") {
  const Activation f = GENERATE(from_range(std::begin(all_kinds), std::end(all_kinds)));
  CAPTURE(f.describe());
  arma::mat a = nnlab::test::reference_forward(f, random_matrix(3, 9, 5, 3.0));
  arma::mat dA = random_matrix(3, 9, 6, 1.0);
  dA(0, 1) = not_a_number;
  dA(1, 4) = inf;
  dA(2, 7) = -inf;
  a(1, 8) = not_a_number;
  const arma::mat reference = nnlab::test::reference_backward(f, a, dA);
  arma::mat delta(arma::size(a));
  arma::vec row_sums(a.n_rows);
  nnlab::kernels::activation_backward(f, a.memptr(), dA.memptr(), delta.memptr(), a.n_rows,
                                      a.n_cols, row_sums.memptr());
  CHECK(mismatch(delta, reference) == "");
  CHECK(mismatch(row_sums, arma::sum(reference, 1), arma::sum(arma::abs(reference), 1)) == "");
}

TEST_CASE("ActivationKernels: the same input gives the same bits every time",
          "[model][activation][kernels]") {
  const arma::mat z = random_matrix(7, 333, 3, 5.0);
  arma::mat first(arma::size(z)), again(arma::size(z));
  for (const Activation& f : all_kinds) {
    CAPTURE(f.describe());
    nnlab::kernels::activation_forward(f, z.memptr(), first.memptr(), z.n_rows, z.n_cols);
    // Unaligned input and output (one double in): no dependence on where data sits.
    arma::mat shifted_z(z.n_elem + 1, 1), shifted_a(z.n_elem + 1, 1);
    std::copy(z.begin(), z.end(), shifted_z.begin() + 1);
    nnlab::kernels::activation_forward(f, shifted_z.memptr() + 1, shifted_a.memptr() + 1, z.n_rows,
                                       z.n_cols);
    std::copy(shifted_a.begin() + 1, shifted_a.end(), again.begin());
    CHECK(arma::approx_equal(first, again, "absdiff", 0.0));
  }
}
