#include "nnlab/check/loss_check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "nnlab/check/finite_difference.hpp"
#include "nnlab/core/rng.hpp"

namespace nnlab {

namespace {

// A random output and a target of one kind the core feeds a loss.
struct LossCase {
  std::string name;
  arma::mat output;
  arma::mat target;
};

LossCase binary_case(Rng& rng) {
  constexpr arma::uword m = 8;
  LossCase c{"binary", arma::mat(1, m), arma::mat(1, m)};
  for (arma::uword i = 0; i < m; ++i) {
    c.output[i] = rng.uniform(0.05, 0.95);
    c.target[i] = static_cast<double>(i % 2);
  }
  return c;
}

LossCase three_class_case(Rng& rng) {
  constexpr arma::uword k = 3, m = 9;
  LossCase c{"3 classes", arma::mat(k, m), arma::zeros(k, m)};
  for (arma::uword j = 0; j < m; ++j) {
    for (arma::uword r = 0; r < k; ++r)
      c.output(r, j) = std::exp(rng.normal());
    c.output.col(j) /= arma::accu(c.output.col(j));
    c.target(j % k, j) = 1.0;
  }
  return c;
}

bool nearly_equal(double a, double b) {
  return std::abs(a - b) <= 1e-12 * std::max({1.0, std::abs(a), std::abs(b)});
}

// The smallest value the loss gave; NaN as soon as one value was NaN.
struct Minimum {
  double value = std::numeric_limits<double>::infinity();
  void see(double v) { value = std::isnan(v) || std::isnan(value) ? NAN : std::min(value, v); }
};

double gradient_error(const Loss& loss, const arma::mat& output, const arma::mat& target) {
  arma::mat d_output(arma::size(output));
  d_output.fill(std::numeric_limits<double>::quiet_NaN());
  loss.gradient(output, target, d_output);
  const arma::vec numeric = numeric_gradient(
      [&](const arma::vec& x) {
        return loss.value(arma::reshape(x, output.n_rows, output.n_cols), target);
      },
      arma::vectorise(output));
  if (arma::size(d_output) != arma::size(output)) return NAN;
  return relative_error(arma::vectorise(d_output), static_cast<double>(output.n_cols) * numeric);
}

bool check_minimal_at_target(const Loss& loss, const std::vector<LossCase>& cases, Minimum& minimum,
                             std::string& detail) {
  bool passed = true;
  for (const auto& c : cases) {
    std::string path;
    double previous = -std::numeric_limits<double>::infinity();
    for (const double t : {0.0, 0.25, 0.5, 0.75, 1.0}) {
      const double v = loss.value(c.target + t * (c.output - c.target), c.target);
      minimum.see(v);
      passed = passed && v > previous && (t > 0.0 || std::abs(v) <= 1e-9);
      previous = v;
      path += (path.empty() ? "" : " < ") + figure(v);
    }
    detail += (detail.empty() ? "" : "; ") + c.name + ": " + path;
  }
  detail =
      "value from the target to the random output (1/4 steps), first ~0 then rising: " + detail;
  return passed;
}

bool check_mean(const Loss& loss, const std::vector<LossCase>& cases, std::string& detail) {
  bool passed = true;
  for (const auto& c : cases) {
    const double all = loss.value(c.output, c.target);
    double sum = 0.0;
    for (arma::uword j = 0; j < c.output.n_cols; ++j)
      sum += loss.value(c.output.col(j), c.target.col(j));
    const double mean = sum / static_cast<double>(c.output.n_cols);
    passed = passed && nearly_equal(all, mean);
    detail += (detail.empty() ? "" : "; ") + c.name + ": " + figure(all) + " vs " + figure(mean);
  }
  detail = "value of all samples vs mean of each sample's value: " + detail;
  return passed;
}

bool check_symmetry(const Loss& loss, const LossCase& c, std::string& detail) {
  const arma::uvec rotation{1, 2, 0};
  const double value = loss.value(c.output, c.target);
  const double rotated = loss.value(c.output.rows(rotation), c.target.rows(rotation));
  const arma::mat uniform(3, 1, arma::fill::value(1.0 / 3.0));
  std::string uniform_values;
  bool same = true;
  const double first = loss.value(uniform, arma::mat{1.0, 0.0, 0.0}.t());
  for (arma::uword k = 0; k < 3; ++k) {
    arma::mat target(3, 1, arma::fill::zeros);
    target[k] = 1.0;
    const double v = loss.value(uniform, target);
    same = same && nearly_equal(v, first);
    uniform_values += (k ? ", " : "") + figure(v);
  }
  detail = "rows rotated: " + figure(value) + " vs " + figure(rotated) +
           "; output 1/3 for target class 0, 1, 2: " + uniform_values;
  return nearly_equal(value, rotated) && same;
}

} // namespace

CheckResult check_loss_gradient(const Loss& loss, const arma::mat& output, const arma::mat& target,
                                std::string name) {
  return run_check(std::move(name), [&](std::string& detail) {
    const double error = gradient_error(loss, output, target);
    detail = std::to_string(output.n_rows) + " x " + std::to_string(output.n_cols) +
             ": relative error " + figure(error) +
             " against m x central differences (h 1e-6); must be < 1e-6";
    return error < 1e-6;
  });
}

CheckReport check_loss(const Loss& loss, std::string subject) {
  CheckReport report(std::move(subject));
  Rng rng(7);
  const std::vector<LossCase> cases{binary_case(rng), three_class_case(rng)};
  report.note("binary case: 1 x 8 outputs uniform in (0.05, 0.95), targets 0, 1, 0, 1, ...");
  report.note("3-class case: 3 x 9 outputs, columns exp(normal) / sum (softmax-like), "
              "one-hot targets of classes 0, 1, 2, 0, ...");
  for (const auto& c : cases)
    report.add(check_loss_gradient(loss, c.output, c.target, "gradient, " + c.name));
  Minimum minimum;
  report.run("minimal at the target", [&](std::string& detail) {
    return check_minimal_at_target(loss, cases, minimum, detail);
  });
  report.run("non-negative", [&](std::string& detail) {
    for (const auto& c : cases)
      minimum.see(loss.value(c.output, c.target));
    detail = "smallest value seen " + figure(minimum.value);
    return minimum.value >= -1e-12; // rounding may leave a correct loss at -0.0 or below
  });
  report.run("mean over samples",
             [&](std::string& detail) { return check_mean(loss, cases, detail); });
  report.run("symmetric in classes",
             [&](std::string& detail) { return check_symmetry(loss, cases[1], detail); });
  return report;
}

} // namespace nnlab
