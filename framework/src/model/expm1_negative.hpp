#pragma once

// Private to activation_kernels.cpp: expm1(t) for t in [-40, 0] (or NaN; float: [-20, 0])
// as straight-line arithmetic, so that GCC vectorises the loop around it with no call inside: the
// tanh sweep then runs ~25% faster than through libmvec's vector expm1 (a call per vector leaves
// each division's latency exposed). Accuracy: within 1 ulp of glibc's expm1; the tanh built on it
// is within 5e-16 relative of std::tanh (activation_kernels_test.cpp).

#include <bit>
#include <cstdint>

namespace nnlab::kernels {

// t = k ln2 + r with |r| <= ln2/2 (Cody and Waite's two-part ln2), expm1(r) by its Taylor
// series to r^13 (the remainder is below 2^-55 relative), then
// expm1(t) = 2^k expm1(r) + (2^k - 1), exact for k = 0 and free of cancellation otherwise.
[[gnu::always_inline]] inline double expm1_negative(double t) {
  constexpr double log2e = 0x1.71547652b82fep0;
  constexpr double ln2_hi = 0x1.62e42fefa39efp-1, ln2_lo = 0x1.abc9e3b39803fp-56;
  // Adding 1.5 * 2^52 rounds to an integer, which then sits in the low mantissa bits.
  constexpr double shifter = 0x1.8p52;
  const double kd = t * log2e + shifter;
  const double k = kd - shifter;
  const double r = (t - k * ln2_hi) - k * ln2_lo;
  // 1/2!, 1/3!, ..., 1/13!, summed by Estrin's scheme (shorter chains than Horner's).
  constexpr double c2 = 0x1p-1, c3 = 0x1.5555555555555p-3, c4 = 0x1.5555555555555p-5,
                   c5 = 0x1.1111111111111p-7, c6 = 0x1.6c16c16c16c17p-10,
                   c7 = 0x1.a01a01a01a01ap-13, c8 = 0x1.a01a01a01a01ap-16,
                   c9 = 0x1.71de3a556c734p-19, c10 = 0x1.27e4fb7789f5cp-22,
                   c11 = 0x1.ae64567f544e4p-26, c12 = 0x1.1eed8eff8d898p-29,
                   c13 = 0x1.6124613a86d09p-33;
  const double r2 = r * r, r4 = r2 * r2;
  const double p = (c2 + r * c3) + r2 * (c4 + r * c5) + r4 * ((c6 + r * c7) + r2 * (c8 + r * c9)) +
                   r4 * r4 * ((c10 + r * c11) + r2 * (c12 + r * c13));
  const double expm1_r = r + r2 * p;
  // 2^k from k's bits: k + 1023 in the exponent field (k is in [-58, 0] here).
  const double two_k = std::bit_cast<double>((std::bit_cast<std::uint64_t>(kd) + 1023) << 52);
  return two_k * expm1_r + (two_k - 1.0);
}

// The same in single precision, for t in [-20, 0]: Cephes' two-part ln2 (k ln2_hi is exact
// for |k| < 2^15), the Taylor series to r^7 (remainder below 2^-26 relative), within 1 ulp
// of expm1f.
[[gnu::always_inline]] inline float expm1_negative(float t) {
  constexpr float log2e = 0x1.715476p0f;
  constexpr float ln2_hi = 0x1.63p-1f, ln2_lo = -0x1.bd0106p-13f;
  constexpr float shifter = 0x1.8p23f;
  const float kd = t * log2e + shifter;
  const float k = kd - shifter;
  const float r = (t - k * ln2_hi) - k * ln2_lo;
  constexpr float c2 = 0x1p-1f, c3 = 0x1.555556p-3f, c4 = 0x1.555556p-5f, c5 = 0x1.111112p-7f,
                  c6 = 0x1.6c16c2p-10f, c7 = 0x1.a01a02p-13f;
  const float r2 = r * r, r4 = r2 * r2;
  const float p = (c2 + r * c3) + r2 * (c4 + r * c5) + r4 * (c6 + r * c7);
  const float expm1_r = r + r2 * p;
  // 2^k from k's bits: k + 127 in the exponent field (k is in [-29, 0] here).
  const float two_k = std::bit_cast<float>((std::bit_cast<std::uint32_t>(kd) + 127) << 23);
  return two_k * expm1_r + (two_k - 1.0f);
}

} // namespace nnlab::kernels
