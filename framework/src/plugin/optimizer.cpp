#include "nnlab/plugin/optimizer.hpp"

#include "nnlab/core/error.hpp"

namespace nnlab {

Optimizer::~Optimizer() = default;

const arma::vec& state_entry(const OptimizerState& state, std::string_view name, arma::uword n) {
  for (const auto& [key, values] : state) {
    if (key != name) continue;
    if (values.n_elem != n)
      throw PluginError("optimizer state '" + std::string(name) + "' holds " +
                        std::to_string(values.n_elem) + " values, expected " + std::to_string(n));
    return values;
  }
  throw PluginError("optimizer state has no '" + std::string(name) + "'");
}

} // namespace nnlab
