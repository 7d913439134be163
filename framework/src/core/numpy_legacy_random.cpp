#include "nnlab/core/numpy_legacy_random.hpp"

namespace nnlab {

double NumpyLegacyRandom::random() {
  const std::uint32_t a = static_cast<std::uint32_t>(engine_()) >> 5;
  const std::uint32_t b = static_cast<std::uint32_t>(engine_()) >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

} // namespace nnlab
