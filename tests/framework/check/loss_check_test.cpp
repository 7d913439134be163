#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "nnlab/check/loss_check.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// Binary cross-entropy summed over rows, written here so that each test double below
// breaks one thing: C = -(1/m) sum [w_r y log a + (1 - y) log(1 - a)], with a clipped to
// [1e-12, 1 - 1e-12] as the shipped loss does (saturated outputs are exactly 0 or 1).
class TestCrossEntropy : public nnlab::Loss {
public:
  double gradient_scale = 1.0; ///< 1: right; else a wrong gradient
  bool accumulate = false;     ///< adds to d_output instead of overwriting it
  bool sum = false;            ///< sums over samples instead of averaging
  double shift = 0.0;          ///< added to every value (negative: below zero)
  arma::vec row_weight;        ///< per class weight on the y log a term (empty: 1)

  double value(const arma::mat& a, const arma::mat& y) const override {
    double total = 0.0;
    for (arma::uword j = 0; j < a.n_cols; ++j)
      for (arma::uword r = 0; r < a.n_rows; ++r) {
        const double p = clip(a(r, j));
        total -= weight(r) * y(r, j) * std::log(p) + (1 - y(r, j)) * std::log(1 - p);
      }
    return total / (sum ? 1.0 : static_cast<double>(a.n_cols)) + shift;
  }
  void gradient(const arma::mat& a, const arma::mat& y, arma::mat& d) const override {
    arma::mat g(arma::size(a));
    for (arma::uword j = 0; j < a.n_cols; ++j)
      for (arma::uword r = 0; r < a.n_rows; ++r) {
        const double p = clip(a(r, j));
        g(r, j) = gradient_scale * (-weight(r) * y(r, j) / p + (1 - y(r, j)) / (1 - p));
      }
    if (sum) g *= static_cast<double>(a.n_cols);
    if (accumulate)
      d += g;
    else
      d = g;
  }

private:
  static double clip(double a) { return std::clamp(a, 1e-12, 1.0 - 1e-12); }
  double weight(arma::uword r) const { return row_weight.is_empty() ? 1.0 : row_weight[r]; }
};

} // namespace

TEST_CASE("check_loss: a correct cross-entropy passes every check", "[check][loss]") {
  const TestCrossEntropy loss;
  const auto report = nnlab::check_loss(loss, "loss 'test'");
  INFO(report.text());
  CHECK(report.passed());
  REQUIRE(report.results().size() == 6);
  CHECK_THAT(report.result("gradient, binary").detail, StartsWith("1 x 8: relative error "));
  CHECK_THAT(report.result("gradient, 3 classes").detail, StartsWith("3 x 9: relative error "));
  // Summed over 3 rows at a = 1/3: -log(1/3) - 2 log(2/3).
  CHECK_THAT(report.result("symmetric in classes").detail,
             Contains("output 1/3 for target class 0, 1, 2: 1.91, 1.91, 1.91"));
}

TEST_CASE("check_loss: a wrong gradient fails the gradient checks", "[check][loss]") {
  TestCrossEntropy loss;
  loss.gradient_scale = GENERATE(-1.0, 2.0, 1.001);
  CAPTURE(loss.gradient_scale);
  const auto report = nnlab::check_loss(loss, "loss 'wrong'");
  INFO(report.text());
  CHECK_FALSE(report.result("gradient, binary").passed);
  CHECK_FALSE(report.result("gradient, 3 classes").passed);
  CHECK(report.failures() == 2);
  CHECK_THAT(report.text(), Contains("loss 'wrong': 2 of 6 checks FAILED"));
}

TEST_CASE("check_loss: a gradient that adds to d_output fails", "[check][loss]") {
  TestCrossEntropy loss;
  loss.accumulate = true;
  const auto report = nnlab::check_loss(loss, "loss 'x'");
  CHECK_FALSE(report.result("gradient, binary").passed);
  CHECK_THAT(report.result("gradient, binary").detail, Contains("relative error nan"));
}

TEST_CASE("check_loss: a sum over samples fails the mean check", "[check][loss]") {
  TestCrossEntropy loss;
  loss.sum = true;
  const auto report = nnlab::check_loss(loss, "loss 'x'");
  CHECK_FALSE(report.result("mean over samples").passed);
  // Its gradient is right for its value, divided by m or not.
  CHECK(report.result("gradient, binary").passed);
}

TEST_CASE("check_loss: a value below zero fails non-negative and minimal at target",
          "[check][loss]") {
  TestCrossEntropy loss;
  loss.shift = -0.1;
  const auto report = nnlab::check_loss(loss, "loss 'x'");
  CHECK_FALSE(report.result("non-negative").passed);
  CHECK_THAT(report.result("non-negative").detail, StartsWith("smallest value seen -0.1"));
  CHECK_FALSE(report.result("minimal at the target").passed);
  CHECK(report.result("gradient, binary").passed);
}

TEST_CASE("check_loss: weighting one class fails the symmetry check", "[check][loss]") {
  TestCrossEntropy loss;
  loss.row_weight = {2.0, 1.0, 1.0};
  const auto report = nnlab::check_loss(loss, "loss 'x'");
  INFO(report.text());
  CHECK_FALSE(report.result("symmetric in classes").passed);
  CHECK(report.failures() == 1);
}
