// A kernel source: CMake builds it with the kernel flags (see core/libmvec.hpp).
#include "nnlab/core/vector_math.hpp"

#include "core/libmvec.hpp"

namespace nnlab {

NNLAB_KERNEL void vector_log(const double* __restrict x, double* __restrict y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    y[i] = log(x[i]);
}

} // namespace nnlab
