#pragma once

#include <armadillo>
#include <cstdint>
#include <random>
#include <string>

#include "nnlab/export.hpp"

namespace nnlab {

/// The one random source of a run: MT19937-64 with portable conversions, so the same
/// seed gives the same numbers with any compiler or standard library (std::*_distribution
/// are implementation-defined, so they are not used).
class NNLAB_EXPORT Rng {
public:
  explicit Rng(std::uint64_t seed);

  /// Uniform in [0, 1) with 53 random bits.
  double uniform();
  /// Uniform in [low, high).
  double uniform(double low, double high);
  /// Standard normal (Marsaglia's polar method).
  double normal();
  /// Uniform integer in [0, n), without modulo bias.
  std::uint64_t below(std::uint64_t n);
  /// Fisher-Yates shuffle of the indices 0..n-1.
  arma::uvec permutation(arma::uword n);
  /// The same shuffle in place: `indices` becomes a permutation of 0..n-1 (n its size),
  /// equal to permutation(n) from the same state; allocates nothing.
  void shuffle(arma::uvec& indices);

  /// The whole state as portable text (the engine's own text form, then the spare
  /// normal draw), so that restore() continues the stream exactly (checkpoints).
  std::string state() const;
  /// Puts back a state() taken earlier; throws nnlab::Error on text that is not one.
  void restore(const std::string& state);

private:
  std::mt19937_64 engine_;
  double spare_normal_ = 0.0;
  bool has_spare_ = false;
};

/// Mixes two 64-bit values into a well-spread seed (SplitMix64 finaliser).
NNLAB_EXPORT std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b);

} // namespace nnlab
