#include "nnlab/stats/holm.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace nnlab::stats {

std::vector<double> holm(std::span<const double> p_values) {
  std::vector<double> adjusted(p_values.begin(), p_values.end());
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p_values.size(); ++i)
    if (!std::isnan(p_values[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  const double m = static_cast<double>(order.size());
  double running = 0.0; // the step-down maximum keeps the adjusted values in p's order
  for (std::size_t j = 0; j < order.size(); ++j) {
    running = std::max(running, std::min(1.0, (m - static_cast<double>(j)) * p_values[order[j]]));
    adjusted[order[j]] = running;
  }
  return adjusted;
}

} // namespace nnlab::stats
