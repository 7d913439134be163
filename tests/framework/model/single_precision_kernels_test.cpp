#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>

#include "model/activation_kernels.hpp"
#include "model/sample_major_products.hpp"
#include "model/thin_products.hpp"
#include "support/random_matrix.hpp"
#include "support/reference_mlp.hpp"

// The kernels of a float32 network's passes: the same formulas as the double kernels,
// computed in float. Each is held to the plain formula in float (glibc's tanhf and expf,
// BLAS's SGEMM-free products in double of the same float inputs), to a few float ulps.

using nnlab::Activation;
using nnlab::test::mismatch;

namespace {

using Kind = Activation::Kind;

arma::fmat to_float(const arma::mat& x) {
  return arma::conv_to<arma::fmat>::from(x);
}
arma::mat to_double(const arma::fmat& x) {
  return arma::conv_to<arma::mat>::from(x);
}

// Values in [-scale, scale), rounded to float: the inputs every float kernel gets.
arma::fmat random_floats(arma::uword rows, arma::uword cols, std::uint64_t seed,
                         double scale = 2.0) {
  return to_float(nnlab::test::random_matrix(rows, cols, seed, scale));
}

// The plain formulas in float: Armadillo's elementwise tanhf and expf.
arma::fmat plain_forward(const Activation& f, const arma::fmat& z) {
  switch (f.kind()) {
  case Kind::tanh: return arma::tanh(z);
  case Kind::sigmoid: return 1.0f / (1.0f + arma::exp(-z));
  case Kind::softmax: {
    arma::fmat a = z;
    for (arma::uword j = 0; j < z.n_cols; ++j) {
      const arma::fvec e = arma::exp(z.col(j) - z.col(j).max());
      a.col(j) = e / arma::accu(e);
    }
    return a;
  }
  default: // relu, leaky_relu, identity: exact in any precision
    return to_float(nnlab::test::reference_forward(f, to_double(z)));
  }
}

// Where tanh, exp and the formulas change regime in float: signed zeros, tiny and huge
// values, tanh's saturation (|z| ~ 9), expf's overflow (88.7) and underflow (-87.3), NaN
// and Inf.
arma::fmat special_values() {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  return arma::fmat{{0.0f, -0.0f, 1e-38f, -1e-38f, 1e-9f, -3e-5f, 0.25f, -0.5f, 0.55f, -0.9f},
                    {1.0f, -2.5f, 7.0f, -8.5f, 9.2f, -12.0f, 18.0f, -20.0f, 40.0f, -80.0f},
                    {88.0f, -87.0f, 1e30f, -1e30f, 3e38f, -3e38f, inf, -inf, nan, -nan}};
}

const Activation all_kinds[] = {
    Activation(Kind::tanh),     Activation(Kind::sigmoid),
    Activation(Kind::relu),     Activation(Activation::Kind::leaky_relu, 0.2),
    Activation(Kind::identity), Activation(Kind::softmax)};

// Four float ulps, relative.
constexpr double float_tol = 4 * 1.2e-7;

// softmax sums a column of n_rows terms (forward: the exponentials; backward: a^T dA),
// which rounds up to n_rows times: its tolerance grows with the column.
double tolerance(const Activation& f, arma::uword n_rows) {
  return f.kind() == Kind::softmax ? std::max<double>(1, n_rows / 4.0) * float_tol : float_tol;
}

} // namespace

TEST_CASE("SinglePrecisionKernels: forward equals the plain float formulas to a few ulps",
          "[model][activation][kernels][float32]") {
  const Activation f = GENERATE(from_range(std::begin(all_kinds), std::end(all_kinds)));
  const auto [rows, cols] = GENERATE(
      table<arma::uword, arma::uword>({{1, 1}, {1, 7}, {3, 1000}, {2, 501}, {32, 203}, {5, 17}}));
  CAPTURE(f.describe(), rows, cols);
  const arma::fmat z = random_floats(rows, cols, rows * 1000 + cols, 6.0);
  arma::fmat a(rows, cols);
  nnlab::kernels::activation_forward(f, z.memptr(), a.memptr(), rows, cols);
  CHECK(mismatch(to_double(a), to_double(plain_forward(f, z)), tolerance(f, rows)) == "");
}

TEST_CASE("SinglePrecisionKernels: forward keeps NaN, Inf, signed zeros and the extremes",
          "[model][activation][kernels][float32]") {
  const Activation f = GENERATE(from_range(std::begin(all_kinds), std::end(all_kinds)));
  CAPTURE(f.describe());
  const arma::fmat z = special_values();
  arma::fmat a(arma::size(z));
  nnlab::kernels::activation_forward(f, z.memptr(), a.memptr(), z.n_rows, z.n_cols);
  CHECK(mismatch(to_double(a), to_double(plain_forward(f, z)), float_tol) == "");
  if (f.kind() == Kind::tanh) {
    CHECK(std::signbit(a(0, 1))); // tanh(-0) = -0
    CHECK(a(1, 5) == -1.0f);      // saturated exactly
    CHECK(a(2, 6) == 1.0f);
  }
  if (f.kind() == Kind::sigmoid) {
    CHECK(a(2, 6) == 1.0f); // sigmoid(+inf)
    CHECK(a(2, 7) == 0.0f); // sigmoid(-inf)
  }
}

TEST_CASE("SinglePrecisionKernels: backward and its row sums equal the float formulas",
          "[model][activation][kernels][float32]") {
  const Activation f = GENERATE(from_range(std::begin(all_kinds), std::end(all_kinds)));
  const auto [rows, cols] =
      GENERATE(table<arma::uword, arma::uword>({{1, 1}, {1, 1000}, {3, 7}, {32, 203}}));
  CAPTURE(f.describe(), rows, cols);
  const arma::fmat a = plain_forward(f, random_floats(rows, cols, 7 * rows + cols, 4.0));
  const arma::fmat dA = random_floats(rows, cols, 11 * rows + cols);
  // In double from the same float inputs: the float kernel rounds a few times on the way.
  const arma::mat reference = nnlab::test::reference_backward(f, to_double(a), to_double(dA));

  arma::fmat delta(rows, cols);
  arma::fvec row_sums(rows);
  nnlab::kernels::activation_backward(f, a.memptr(), dA.memptr(), delta.memptr(), rows, cols,
                                      row_sums.memptr());
  // Relative to the terms (a - a^2 cancels for |a| near 1, a dot product sums many).
  const arma::mat terms = arma::abs(to_double(dA)) % (1.0 + arma::square(to_double(a)));
  const double tol = tolerance(f, rows);
  CHECK(mismatch(to_double(delta), reference, terms, tol) == "");
  CHECK(mismatch(to_double(row_sums), arma::sum(reference, 1), arma::sum(terms, 1), cols * tol) ==
        "");
  nnlab::kernels::activation_backward(f, a.memptr(), dA.memptr(), delta.memptr(), rows, cols);
  CHECK(mismatch(to_double(delta), reference, terms, tol) == "");
}

TEST_CASE("SinglePrecisionKernels: thin and sample-major products equal double BLAS on the "
          "same floats",
          "[model][kernels][thin][sample_major][float32]") {
  const arma::uword n_out = GENERATE(1, 2, 3, 5, 8);
  const arma::uword n_in = GENERATE(1, 2, 3, 4, 8);
  const arma::uword m = GENERATE(1, 7, 8, 9, 17, 1000); // around the 8 floats side by side
  CAPTURE(n_out, n_in, m);
  const arma::fmat W = random_floats(n_out, n_in, 1);
  const arma::fvec b = random_floats(n_out, 1, 2);
  const arma::fmat X = random_floats(n_in, m, 3), delta = random_floats(n_out, m, 4);
  const arma::mat Wd = to_double(W), bd = to_double(b), Xd = to_double(X), Dd = to_double(delta);
  const arma::mat ones = arma::ones(1, m);
  // A float sum of K terms rounds K times: tolerances scale with the inner size.
  const double tol = (n_in + n_out + 1) * float_tol;

  arma::fmat z(n_out, m);
  nnlab::kernels::thin_affine(W, b, X, z);
  const arma::mat z_terms = arma::abs(Wd) * arma::abs(Xd) + arma::abs(bd) * ones;
  CHECK(mismatch(to_double(z), Wd * Xd + bd * ones, z_terms, tol) == "");
  arma::fmat Zt(m, n_out);
  nnlab::kernels::sample_major_affine(W, b, arma::fmat(X.t()), Zt);
  CHECK(mismatch(to_double(Zt), (Wd * Xd + bd * ones).t(), z_terms.t(), tol) == "");

  arma::fmat dA(n_in, m);
  nnlab::kernels::thin_input_gradient(W, delta, dA);
  CHECK(mismatch(to_double(dA), Wd.t() * Dd, arma::abs(Wd).t() * arma::abs(Dd), tol) == "");
  arma::fmat dAt(m, n_in);
  nnlab::kernels::sample_major_input_gradient(W, arma::fmat(delta.t()), dAt);
  CHECK(mismatch(to_double(dAt), (Wd.t() * Dd).t(), (arma::abs(Wd).t() * arma::abs(Dd)).t(), tol) ==
        "");

  // The gradient sums over m samples, added onto what dW holds.
  const double sum_tol = (m + 1) * float_tol;
  const arma::mat dW_terms = arma::abs(Dd) * arma::abs(Xd).t();
  arma::fmat dW(n_out, n_in, arma::fill::zeros);
  nnlab::kernels::thin_weight_gradient_add(delta, X, dW);
  CHECK(mismatch(to_double(dW), Dd * Xd.t(), dW_terms, sum_tol) == "");
  arma::fmat dW2(n_out, n_in, arma::fill::zeros);
  arma::fvec db(n_out, arma::fill::zeros);
  nnlab::kernels::sample_major_gradient_add(arma::fmat(delta.t()), arma::fmat(X.t()), dW2, db);
  CHECK(mismatch(to_double(dW2), Dd * Xd.t(), dW_terms, sum_tol) == "");
  CHECK(mismatch(to_double(db), arma::sum(Dd, 1), arma::sum(arma::abs(Dd), 1), sum_tol) == "");
}
