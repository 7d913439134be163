#pragma once

// Shared by the adam and adamw plugins (not part of the plugin API): Adam's parameters,
// its bias-corrected running moments and their state (Kingma & Ba 2015, Algorithm 1).

#include <cmath>
#include <string>
#include <utility>

#include <nnlab/plugin.hpp>

namespace nnlab_plugins {

class AdamMoments {
public:
  AdamMoments(const nnlab::PluginConfig& config, std::string plugin)
      : beta1_(config.get<double>("beta1")), beta2_(config.get<double>("beta2")),
        epsilon_(config.get<double>("epsilon")), plugin_(std::move(plugin)) {}

  static nnlab::ParamList params() {
    using namespace nnlab::param;
    return {number("beta1", 0.9, "decay of the running mean m of g").at_least(0).below(1),
            number("beta2", 0.999, "decay of the running mean v of g^2").at_least(0).below(1),
            number("epsilon", 1e-8, "added to sqrt(v_hat) so it is never 0").above(0)};
  }

  void reset(arma::uword n_params) {
    m_.zeros(n_params);
    v_.zeros(n_params);
    t_ = 0.0;
  }

  /// w -= alpha (m_hat / (sqrt(v_hat) + epsilon) + weight_decay w), after updating t, m, v.
  /// Adam passes no decay; every vector line evaluates element by element into existing
  /// storage: no allocation.
  void step(arma::vec& w, const arma::vec& g, double alpha, const double* weight_decay) {
    t_ += 1.0;
    m_ = beta1_ * m_ + (1.0 - beta1_) * g;
    v_ = beta2_ * v_ + (1.0 - beta2_) * arma::square(g);
    const double c1 = 1.0 - std::pow(beta1_, t_);
    const double c2 = 1.0 - std::pow(beta2_, t_);
    if (weight_decay)
      w -= alpha * ((m_ / c1) / (arma::sqrt(v_ / c2) + epsilon_) + *weight_decay * w);
    else
      w -= alpha * ((m_ / c1) / (arma::sqrt(v_ / c2) + epsilon_));
  }

  nnlab::OptimizerState state() const { return {{"m", m_}, {"v", v_}, {"t", arma::vec{t_}}}; }

  // Expects reset(n_params) first: m and v must have the size set there. Checks everything
  // before changing anything, so a rejected state leaves the optimizer as it was.
  void restore(const nnlab::OptimizerState& state) {
    const arma::vec& m = nnlab::state_entry(state, "m", m_.n_elem);
    const arma::vec& v = nnlab::state_entry(state, "v", v_.n_elem);
    const double t = nnlab::state_entry(state, "t", 1)[0];
    // t counts steps: a whole number, exact in a double up to 2^53.
    if (!(t >= 0.0 && t <= 0x1p53 && t == std::floor(t)))
      throw nnlab::PluginError("optimizer '" + plugin_ +
                               "': state 't' must be a whole number >= 0, got " +
                               std::to_string(t));
    m_ = m;
    v_ = v;
    t_ = t;
  }

private:
  double beta1_;
  double beta2_;
  double epsilon_;
  std::string plugin_;
  arma::vec m_;
  arma::vec v_;
  double t_ = 0.0; // steps since reset(), a whole number
};

} // namespace nnlab_plugins
