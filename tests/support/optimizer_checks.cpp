#include "support/optimizer_checks.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "nnlab/check/optimizer_check.hpp"
#include "nnlab/core/error.hpp"
#include "support/plugins.hpp"
#include "support/quadratic.hpp"

namespace nnlab::test {

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {
const arma::vec w0{1.0, 1.0};
const arma::vec g1{2.0, -4.0}, g2{4.0, 2.0};
constexpr double alpha = 0.5;

const Quadratic ill_conditioned{{1.0, 100.0}};
constexpr double quadratic_alpha = 0.009;

// The optimizer of `yaml`, built afresh at each call, as the framework's checks take it.
OptimizerFactory factory(std::string_view yaml) {
  return [yaml = std::string(yaml)] { return make_optimizer(yaml); };
}

void require_passed(const CheckResult& result) {
  INFO(result.name << ": " << result.detail);
  REQUIRE(result.passed);
}
} // namespace

arma::vec hand_steps(std::string_view yaml, int steps) {
  const auto optimizer = make_optimizer(yaml);
  optimizer->reset(2);
  arma::vec w = w0;
  if (steps >= 1) optimizer->step(w, g1, alpha);
  if (steps >= 2) optimizer->step(w, g2, alpha);
  return w;
}

void check_reset_clears_state(std::string_view yaml, const arma::vec& first_step) {
  CAPTURE(yaml);
  // check-plugin's reset(n) check, on the ill-conditioned quadratic...
  require_passed(
      check_reset(factory(yaml), ill_conditioned.problem({1.0, -1.0}, quadratic_alpha), 2));
  // ...and the hand step after a reset, to the value the test expects.
  const auto optimizer = make_optimizer(yaml);
  optimizer->reset(2);
  arma::vec w = w0;
  optimizer->step(w, g1, alpha);
  optimizer->step(w, g2, alpha);
  optimizer->reset(2);
  w = w0;
  optimizer->step(w, g1, alpha);
  REQUIRE_THAT(w[0], WithinAbs(first_step[0], 0.0));
  REQUIRE_THAT(w[1], WithinAbs(first_step[1], 0.0));
}

OptimizerState check_restore_continues(std::string_view yaml) {
  CAPTURE(yaml);
  const OptimizationProblem problem = ill_conditioned.problem({1.0, -1.0}, quadratic_alpha);
  require_passed(check_restore(factory(yaml), problem, 2, 3));
  const auto optimizer = make_optimizer(yaml);
  nnlab::descend(*optimizer, problem, 2);
  return optimizer->state();
}

void check_restore_rejects(std::string_view yaml, arma::uword n_params,
                           const OptimizerState& state) {
  const auto optimizer = make_optimizer(yaml);
  optimizer->reset(n_params);
  REQUIRE_THROWS_AS(optimizer->restore(state), PluginError);
}

void check_beats_sgd(std::string_view yaml) {
  const Quadratic& f = ill_conditioned;
  const arma::vec x0{1.0, 1.0};
  const auto sgd = make_optimizer("{plugin: sgd}");
  const auto optimizer = make_optimizer(yaml);
  const double sgd_value = f.value(descend(*sgd, f, x0, quadratic_alpha, 100));
  const double value = f.value(descend(*optimizer, f, x0, quadratic_alpha, 100));
  CAPTURE(yaml, sgd_value, value);
  REQUIRE(value < sgd_value);
}

void check_momentum_range(std::string_view plugin) {
  for (const char* momentum : {"1.5", "-0.1", "1"}) {
    const std::string yaml =
        "{plugin: " + std::string(plugin) + ", momentum: " + std::string(momentum) + "}";
    CAPTURE(yaml);
    REQUIRE_THROWS_AS(make_optimizer(yaml), ConfigError);
    REQUIRE_THROWS_WITH(make_optimizer(yaml),
                        Contains("optimizer.momentum: expected a number in [0, 1), got '" +
                                 std::string(momentum) + "'"));
  }
}

void check_unknown_key(std::string_view yaml, std::string_view key) {
  CAPTURE(yaml);
  REQUIRE_THROWS_AS(make_optimizer(yaml), ConfigError);
  REQUIRE_THROWS_WITH(make_optimizer(yaml),
                      Contains("optimizer." + std::string(key)) && Contains("known:"));
}

} // namespace nnlab::test
