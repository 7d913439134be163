#include "nnlab/core/rng.hpp"

#include <bit>
#include <cmath>
#include <locale>
#include <sstream>
#include <utility>

#include "nnlab/core/error.hpp"

namespace nnlab {

Rng::Rng(std::uint64_t seed) : engine_(seed) {}

double Rng::uniform() {
  // The top 53 bits of one draw, scaled: exact, portable and never 1.0.
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

double Rng::uniform(double low, double high) {
  return low + (high - low) * uniform();
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  double u = 0.0, v = 0.0, s = 0.0;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_normal_ = v * factor;
  has_spare_ = true;
  return u * factor;
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Rejection sampling: draws in the incomplete top range would favour small values.
  const std::uint64_t limit = engine_.max() - engine_.max() % n;
  std::uint64_t draw = 0;
  do {
    draw = engine_();
  } while (draw >= limit);
  return draw % n;
}

arma::uvec Rng::permutation(arma::uword n) {
  arma::uvec index(n);
  shuffle(index);
  return index;
}

void Rng::shuffle(arma::uvec& indices) {
  const arma::uword n = indices.n_elem;
  for (arma::uword i = 0; i < n; ++i)
    indices[i] = i;
  for (arma::uword i = n == 0 ? 0 : n - 1; i > 0; --i)
    std::swap(indices[i], indices[below(i + 1)]);
}

std::string Rng::state() const {
  // The spare normal is kept as its bit pattern: decimal text could round it.
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << engine_ << ' ' << (has_spare_ ? 1 : 0) << ' '
      << std::bit_cast<std::uint64_t>(spare_normal_);
  return out.str();
}

void Rng::restore(const std::string& state) {
  std::istringstream in(state);
  in.imbue(std::locale::classic());
  std::mt19937_64 engine;
  int has_spare = -1;
  std::uint64_t spare_bits = 0;
  std::string extra;
  const bool read = static_cast<bool>(in >> engine >> has_spare >> spare_bits);
  if (!read || (in >> extra) || (has_spare != 0 && has_spare != 1))
    throw Error("Rng::restore(): not a state written by Rng::state()");
  engine_ = engine;
  has_spare_ = has_spare == 1;
  spare_normal_ = std::bit_cast<double>(spare_bits);
}

std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a + 0x9e3779b97f4a7c15ULL * (b + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

} // namespace nnlab
