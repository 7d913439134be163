#include "support/optimizer_checks.hpp"

#include <catch2/catch.hpp>

#include <string>

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
  const Quadratic& f = ill_conditioned;
  const auto uninterrupted = make_optimizer(yaml);
  const arma::vec expected = descend(*uninterrupted, f, {1.0, -1.0}, quadratic_alpha, 5);
  const auto first = make_optimizer(yaml);
  arma::vec w = descend(*first, f, {1.0, -1.0}, quadratic_alpha, 2);
  const OptimizerState state = first->state();
  const auto resumed = make_optimizer(yaml);
  resumed->reset(2);
  resumed->restore(state);
  for (int i = 0; i < 3; ++i)
    resumed->step(w, f.gradient(w), quadratic_alpha);
  REQUIRE(arma::approx_equal(w, expected, "absdiff", 0.0));
  return state;
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
