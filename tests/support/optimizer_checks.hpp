#pragma once

#include <armadillo>
#include <string_view>

#include "nnlab/plugin/optimizer.hpp"

// Checks shared by the optimizer plugin tests. Each builds the optimizer from its YAML block
// (e.g. "{plugin: momentum, momentum: 0.5}") through the registry and makes the Catch
// assertions itself, so a test case reads as one call. Where `runner check-plugin` has the
// same check, these run it (nnlab/check/optimizer_check.hpp) on their own problem.
//
// Hand steps start at w0 = [1, 1] with alpha = 0.5; step 1 takes g1 = [2, -4] and step 2
// g2 = [4, 2]. All are powers of two, so every expected number is exact in binary.

namespace nnlab::test {

/// The weights after `steps` (1 or 2) hand steps of a fresh, reset(2) optimizer.
arma::vec hand_steps(std::string_view yaml, int steps);

/// check_reset passes (2 steps of Quadratic {1, 100} from [1, -1], alpha 0.009), and two
/// hand steps, reset(2), then one from w0 again lands exactly on `first_step`.
void check_reset_clears_state(std::string_view yaml, const arma::vec& first_step);

/// check_restore passes: 2 steps, then state() restored into a fresh optimizer and 3 more
/// steps, equal 5 steps without a break bit for bit (Quadratic {1, 100} from [1, -1], alpha
/// 0.009). Returns the state that was carried over.
OptimizerState check_restore_continues(std::string_view yaml);

/// After reset(n_params), restore(state) throws PluginError.
void check_restore_rejects(std::string_view yaml, arma::uword n_params,
                           const OptimizerState& state);

/// 100 steps on Quadratic {1, 100} from [1, 1] at alpha 0.009 end lower than sgd's.
void check_beats_sgd(std::string_view yaml);

/// momentum 1.5, -0.1 and 1 for `plugin` are ConfigErrors at the declared range:
/// "optimizer.momentum: expected a number in [0, 1), got '1.5'".
void check_momentum_range(std::string_view plugin);

/// `yaml` holds the unknown key `key`: a ConfigError naming optimizer.<key> and the known keys.
void check_unknown_key(std::string_view yaml, std::string_view key);

} // namespace nnlab::test
