#pragma once

#include <string>

#include "nnlab/export.hpp"

namespace nnlab {

/// OpenBLAS chooses its kernels for the CPU when it loads. A CPU newer than the OpenBLAS
/// (Debian 12's 0.3.21 does not know Intel's Emerald Rapids, for one) gets its generic
/// "Prescott" kernels, SSE3 only: matrix products 4-5x slower than the CPU can do. When
/// that is what happened and OPENBLAS_CORETYPE is not set, returns the OpenBLAS kernels
/// this CPU runs ("Cooperlake" or "SkylakeX" with AVX-512, "Haswell" with AVX2 + FMA);
/// otherwise, and when the BLAS is not OpenBLAS, an empty string.
NNLAB_EXPORT std::string better_blas_kernels();

/// The first call in main() of nnlab's programs: when better_blas_kernels() names
/// kernels, sets OPENBLAS_CORETYPE to them (and OPENBLAS_NUM_THREADS to 1 unless set) and
/// executes the program again, with the same arguments and process id (OpenBLAS reads the
/// variables only when it loads); otherwise, or when that fails, returns and the program
/// goes on with the kernels it has. Setting OPENBLAS_CORETYPE oneself keeps that choice.
NNLAB_EXPORT void use_better_blas_kernels(char** argv);

/// OpenBLAS's configuration line ("OpenBLAS 0.3.21 DYNAMIC_ARCH ... Cooperlake ..."), with
/// the kernels in use; empty when the BLAS is not OpenBLAS.
NNLAB_EXPORT std::string blas_config();

} // namespace nnlab
