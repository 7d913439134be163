#include "nnlab/model/activation.hpp"

#include <cmath>
#include <cstdio>

namespace nnlab {

namespace {
struct Named {
  Activation::Kind kind;
  const char* name;
};
constexpr Named table[] = {
    {Activation::Kind::tanh, "tanh"},         {Activation::Kind::sigmoid, "sigmoid"},
    {Activation::Kind::relu, "relu"},         {Activation::Kind::leaky_relu, "leaky_relu"},
    {Activation::Kind::identity, "identity"}, {Activation::Kind::softmax, "softmax"}};
} // namespace

std::optional<Activation> Activation::from_name(std::string_view name) {
  for (const auto& entry : table)
    if (name == entry.name) return Activation(entry.kind);
  return std::nullopt;
}

std::vector<std::string> Activation::names() {
  std::vector<std::string> out;
  for (const auto& entry : table)
    out.emplace_back(entry.name);
  return out;
}

std::string Activation::name() const {
  for (const auto& entry : table)
    if (entry.kind == kind_) return entry.name;
  return "?";
}

std::string Activation::describe() const {
  if (kind_ != Kind::leaky_relu) return name();
  char slope[32];
  std::snprintf(slope, sizeof slope, "%g", slope_);
  return name() + "(slope=" + slope + ")";
}

void Activation::forward(const arma::mat& z, arma::mat& a) const {
  switch (kind_) {
  case Kind::tanh: a = arma::tanh(z); return;
  case Kind::sigmoid: a = 1.0 / (1.0 + arma::exp(-z)); return;
  case Kind::relu:
    for (arma::uword i = 0; i < z.n_elem; ++i)
      a[i] = z[i] > 0.0 ? z[i] : 0.0;
    return;
  case Kind::leaky_relu:
    for (arma::uword i = 0; i < z.n_elem; ++i)
      a[i] = z[i] > 0.0 ? z[i] : slope_ * z[i];
    return;
  case Kind::identity: a = z; return;
  case Kind::softmax:
    // Shifting each column by its maximum keeps exp() finite; the result is unchanged.
    for (arma::uword j = 0; j < z.n_cols; ++j) {
      const double shift = z.col(j).max();
      double total = 0.0;
      for (arma::uword i = 0; i < z.n_rows; ++i)
        total += (a(i, j) = std::exp(z(i, j) - shift));
      for (arma::uword i = 0; i < z.n_rows; ++i)
        a(i, j) /= total;
    }
    return;
  }
}

void Activation::backward(const arma::mat& a, const arma::mat& dA, arma::mat& delta) const {
  switch (kind_) {
  case Kind::tanh: delta = dA % (1.0 - a % a); return;
  case Kind::sigmoid: delta = dA % a % (1.0 - a); return;
  // a > 0 exactly where z > 0 (for leaky_relu, slope >= 0 keeps the sign).
  case Kind::relu:
    for (arma::uword i = 0; i < a.n_elem; ++i)
      delta[i] = a[i] > 0.0 ? dA[i] : 0.0;
    return;
  case Kind::leaky_relu:
    for (arma::uword i = 0; i < a.n_elem; ++i)
      delta[i] = a[i] > 0.0 ? dA[i] : slope_ * dA[i];
    return;
  case Kind::identity: delta = dA; return;
  case Kind::softmax:
    // Jacobian of softmax: da_i/dz_k = a_i (1[i=k] - a_k), so delta = a % (dA - a^T dA).
    for (arma::uword j = 0; j < a.n_cols; ++j) {
      double dot = 0.0;
      for (arma::uword i = 0; i < a.n_rows; ++i)
        dot += a(i, j) * dA(i, j);
      for (arma::uword i = 0; i < a.n_rows; ++i)
        delta(i, j) = a(i, j) * (dA(i, j) - dot);
    }
    return;
  }
}

} // namespace nnlab
