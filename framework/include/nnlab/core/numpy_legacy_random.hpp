#pragma once

#include <cstdint>
#include <random>

#include "nnlab/export.hpp"

namespace nnlab {

/// NumPy's legacy generator, as `np.random.seed(s)` then `np.random.random()` draw: MT19937
/// seeded with init_genrand(s) (std::mt19937's seeding), each double made of two 32-bit
/// draws a, b as ((a >> 5) * 2^26 + (b >> 6)) / 2^53. Seed 42 starts 0.3745401188,
/// 0.9507143064, 0.7319939418. Used to start a net exactly as the course's notebook does.
class NNLAB_EXPORT NumpyLegacyRandom {
public:
  explicit NumpyLegacyRandom(std::uint32_t seed) : engine_(seed) {}
  /// The next value of np.random.random(), in [0, 1).
  double random();

private:
  std::mt19937 engine_;
};

} // namespace nnlab
