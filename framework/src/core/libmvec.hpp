#pragma once

// Private to the kernel sources (the files framework/CMakeLists.txt compiles with the
// kernel flags): what lets GCC's vectoriser turn a loop of exp or log calls into calls
// of glibc's libmvec, which evaluates 2, 4 or 8 doubles (4, 8 or 16 floats) at once (~1.3 ns an
// element instead of ~5-14 on this project's CI machines).
//
// glibc declares these vector variants itself, but only under __FAST_MATH__, and GCC
// drops __FAST_MATH__ as soon as -fno-finite-math-only is added to -ffast-math, which we
// need so that NaN and Inf still propagate and divergence is still detected. The same
// declaration glibc makes (`simd("notinbranch")`) needs no fast-math at all: the kernel
// files are built with -fno-math-errno -fno-trapping-math only, so every operation keeps
// IEEE semantics and its order (no reassociation), and results do not depend on the
// alignment of a buffer.
//
// NNLAB_KERNEL compiles a function once per x86-64 level (AVX-512, AVX2 + FMA, SSE2); the
// loader picks the best the CPU has. Results are then the same on every run of a given
// machine, not across machines with different levels (as with OpenBLAS's own kernels).

#include <cmath>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__)
extern "C" {
double exp(double) noexcept __attribute__((simd("notinbranch")));
double log(double) noexcept __attribute__((simd("notinbranch")));
float expf(float) noexcept __attribute__((simd("notinbranch")));
float logf(float) noexcept __attribute__((simd("notinbranch")));
}
#define NNLAB_KERNEL __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NNLAB_KERNEL
#endif
