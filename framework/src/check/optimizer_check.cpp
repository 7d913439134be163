#include "nnlab/check/optimizer_check.hpp"

#include <cmath>
#include <cstring>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

// Bit for bit, so that -0.0 differs from 0.0 and NaN equals the same NaN.
bool identical(const arma::vec& a, const arma::vec& b) {
  return a.n_elem == b.n_elem &&
         std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0;
}

void take_steps(Optimizer& optimizer, const OptimizationProblem& problem, arma::vec& x, int steps) {
  const arma::uword n = x.n_elem;
  for (int i = 0; i < steps; ++i) {
    optimizer.step(x, problem.gradient(x), problem.alpha);
    if (x.n_elem != n)
      throw Error("step() resized the parameters from " + std::to_string(n) + " to " +
                  std::to_string(x.n_elem));
  }
}

bool check_descent(const OptimizerFactory& make, const OptimizationProblem& p,
                   std::string& detail) {
  const auto optimizer = make();
  const arma::vec end = descend(*optimizer, p, p.steps);
  const double f0 = p.value(p.start), f1 = p.value(end);
  const double d0 = arma::norm(p.start - p.optimum), d1 = arma::norm(end - p.optimum);
  const double gap0 = f0 - p.optimum_value, gap1 = f1 - p.optimum_value;
  detail = "alpha " + figure(p.alpha) + ", " + std::to_string(p.steps) + " steps: f " + figure(f0) +
           " -> " + figure(f1) + " (f* " + figure(p.optimum_value) + "), |x - x*| " + figure(d0) +
           " -> " + figure(d1);
  if (p.max_gap_ratio < 1.0) detail += "; f - f* must fall below " + figure(p.max_gap_ratio * gap0);
  return std::isfinite(f1) && end.is_finite() && gap1 < p.max_gap_ratio * gap0 && d1 < d0;
}

// "bit-identical", or how far apart a and b ended.
std::string comparison(const arma::vec& a, const arma::vec& b) {
  if (identical(a, b)) return "bit-identical";
  if (!a.is_finite() || !b.is_finite()) return "they differ (and are not all finite)";
  return "they differ by up to " + figure(arma::abs(a - b).max());
}

std::string describe_state(const OptimizerState& state) {
  if (state.empty()) return "no state (stateless)";
  std::string text;
  for (const auto& [name, values] : state)
    text += (text.empty() ? "" : ", ") + name + " (" + std::to_string(values.n_elem) + ")";
  return "state " + text;
}

bool restore_continues(const OptimizerFactory& make, const OptimizationProblem& p, int before,
                       int after, std::string& detail) {
  const auto original = make();
  original->reset(p.start.n_elem);
  arma::vec x = p.start;
  take_steps(*original, p, x, before);
  const OptimizerState state = original->state();
  const auto restored = make();
  restored->reset(p.start.n_elem);
  restored->restore(state);
  arma::vec x_original = x, x_restored = x;
  take_steps(*original, p, x_original, after);
  take_steps(*restored, p, x_restored, after);
  detail = describe_state(state) + " taken after " + std::to_string(before) + " of " +
           std::to_string(before + after) + " " + p.name +
           " steps and restored into a fresh optimizer; after the rest, " +
           comparison(x_original, x_restored);
  return identical(x_original, x_restored);
}

bool reset_starts_afresh(const OptimizerFactory& make, const OptimizationProblem& p, int steps,
                         std::string& detail) {
  const auto reused = make();
  descend(*reused, p, steps);
  const arma::vec again = descend(*reused, p, steps);
  const auto fresh = make();
  const arma::vec expected = descend(*fresh, p, steps);
  detail = "a second run of " + std::to_string(steps) + " " + p.name +
           " steps after reset(n) vs a fresh optimizer's run: " + comparison(again, expected);
  return identical(again, expected);
}

} // namespace

CheckResult check_restore(const OptimizerFactory& make, const OptimizationProblem& problem,
                          int before, int after) {
  return run_check("state()/restore()", [&](std::string& detail) {
    return restore_continues(make, problem, before, after, detail);
  });
}

CheckResult check_reset(const OptimizerFactory& make, const OptimizationProblem& problem,
                        int steps) {
  return run_check("reset(n)", [&](std::string& detail) {
    return reset_starts_afresh(make, problem, steps, detail);
  });
}

arma::vec descend(Optimizer& optimizer, const OptimizationProblem& problem, int steps) {
  optimizer.reset(problem.start.n_elem);
  arma::vec x = problem.start;
  take_steps(optimizer, problem, x, steps);
  return x;
}

CheckReport check_optimizer(const OptimizerFactory& make, std::string subject,
                            const std::vector<OptimizationProblem>& problems) {
  CheckReport report(std::move(subject));
  report.note("each problem starts a fresh optimizer (reset(n)) at the start point:");
  for (const auto& p : problems)
    report.note("  " + p.name + ": " + p.setup);
  for (const auto& p : problems)
    report.run(p.name, [&](std::string& detail) { return check_descent(make, p, detail); });
  // Logistic regression: gradients that change from step to step and stay bounded, so
  // even a broken rule gives finite numbers to compare.
  report.add(check_restore(make, logistic_regression(), 10, 10));
  report.add(check_reset(make, logistic_regression(), 20));
  return report;
}

} // namespace nnlab
