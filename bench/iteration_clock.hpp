#pragma once

#include <chrono>
#include <vector>

namespace nnlab_bench {

/// Stamps the start of every iteration (and once after the last): the differences are the
/// iterations' times.
class IterationClock {
public:
  explicit IterationClock(std::size_t iterations) { stamps_.reserve(iterations + 1); }
  void tick() { stamps_.push_back(std::chrono::steady_clock::now()); }
  /// Seconds per iteration, in order.
  std::vector<double> times() const {
    std::vector<double> seconds;
    for (std::size_t i = 1; i < stamps_.size(); ++i)
      seconds.push_back(std::chrono::duration<double>(stamps_[i] - stamps_[i - 1]).count());
    return seconds;
  }

private:
  std::vector<std::chrono::steady_clock::time_point> stamps_;
};

} // namespace nnlab_bench
