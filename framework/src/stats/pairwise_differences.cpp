#include "pairwise_differences.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "nnlab/core/error.hpp"
#include "nnlab/stats/order_statistics.hpp"

namespace nnlab::stats {

namespace {

/// The doubles in their numeric order as unsigned integers (NaN aside), and back.
std::uint64_t ordered(double v) {
  const auto bits = std::bit_cast<std::uint64_t>(v);
  return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
}

double from_ordered(std::uint64_t key) {
  return std::bit_cast<double>(key >> 63 ? key & ~(std::uint64_t{1} << 63) : ~key);
}

} // namespace

PairwiseDifferences::PairwiseDifferences(std::span<const double> x, std::span<const double> y,
                                         std::size_t hold_up_to)
    : x_(x.begin(), x.end()), y_(y.begin(), y.end()) {
  const auto nan = [](double v) { return std::isnan(v); };
  if (std::any_of(x_.begin(), x_.end(), nan) || std::any_of(y_.begin(), y_.end(), nan))
    throw Error("stats: Hodges-Lehmann: a value is NaN");
  std::sort(x_.begin(), x_.end());
  std::sort(y_.begin(), y_.end());
  if (size() > hold_up_to) return;
  held_.reserve(size());
  for (const double a : x_)
    for (const double b : y_)
      held_.push_back(difference(a, b));
  std::sort(held_.begin(), held_.end());
}

std::size_t PairwiseDifferences::count_at_most(double d) const {
  std::size_t count = 0;
  for (const double a : x_) {
    // difference(a, y_j) does not grow with j: the ones <= d are a tail of y
    const auto first =
        std::partition_point(y_.begin(), y_.end(), [&](double b) { return difference(a, b) > d; });
    count += static_cast<std::size_t>(y_.end() - first);
  }
  return count;
}

double PairwiseDifferences::at_rank(std::size_t k) const {
  if (!held_.empty()) return held_[k - 1];
  const double inf = std::numeric_limits<double>::infinity();
  std::uint64_t lo = ordered(-inf), hi = ordered(inf);
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (count_at_most(from_ordered(mid)) >= k)
      hi = mid;
    else
      lo = mid + 1;
  }
  return from_ordered(lo);
}

} // namespace nnlab::stats
