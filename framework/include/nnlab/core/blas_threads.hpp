#pragma once

#include "nnlab/export.hpp"

namespace nnlab {

/// Sets OpenBLAS's thread count when the BLAS in use is OpenBLAS (found at run time, so
/// any BLAS works); returns false otherwise. nnlab keeps BLAS at one thread inside a run
/// and runs in parallel across cores.
NNLAB_EXPORT bool set_blas_threads(int threads);

} // namespace nnlab
