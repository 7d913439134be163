#include "nnlab/stats/order_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "nnlab/core/error.hpp"

namespace nnlab::stats {

namespace {

void require_numbers(std::span<const double> values, const char* what) {
  if (std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
    throw Error(std::string("stats: ") + what + ": a value is NaN");
}

/// The mean of a and b, a <= b, keeping infinities: +inf beside a finite value is +inf.
double midpoint(double a, double b) {
  if (a == b) return a;
  if (std::isinf(a) || std::isinf(b)) return std::isinf(a) && std::isinf(b) ? NAN : a + b;
  return 0.5 * (a + b); // as numpy.median
}

} // namespace

double difference(double a, double b) {
  return a == b ? 0.0 : a - b;
}

double median(std::vector<double> values) {
  require_numbers(values, "median");
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return midpoint(lower, upper);
}

double quantile_of_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const double fraction = position - static_cast<double>(below);
  if (fraction == 0.0 || below + 1 >= sorted.size()) return sorted[below];
  const double a = sorted[below], b = sorted[below + 1];
  if (a == b) return a;
  if (std::isinf(a) || std::isinf(b)) return std::isinf(a) ? a : b;
  return a + fraction * (b - a);
}

std::vector<double> midranks(std::span<const double> values) {
  require_numbers(values, "ranks");
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t first = 0; first < order.size();) {
    std::size_t last = first; // the tied run order[first..last]
    while (last + 1 < order.size() && values[order[last + 1]] == values[order[first]])
      ++last;
    const double rank = 0.5 * static_cast<double>(first + last) + 1.0;
    for (std::size_t i = first; i <= last; ++i)
      ranks[order[i]] = rank;
    first = last + 1;
  }
  return ranks;
}

double tie_term(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  double term = 0.0;
  for (std::size_t first = 0; first < sorted.size();) {
    std::size_t last = first;
    while (last + 1 < sorted.size() && sorted[last + 1] == sorted[first])
      ++last;
    const auto t = static_cast<double>(last - first + 1);
    term += t * t * t - t;
    first = last + 1;
  }
  return term;
}

} // namespace nnlab::stats
