#include "nnlab/model/activation.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

#include "activation_kernels.hpp"

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

// The kernels index a and dA alike, so a mismatch would read out of bounds.
template <class T> void check_same_size(const arma::Mat<T>& a, const arma::Mat<T>& dA) {
  if (arma::size(a) != arma::size(dA))
    throw std::invalid_argument("Activation::backward(): dA is " + std::to_string(dA.n_rows) + "x" +
                                std::to_string(dA.n_cols) + ", a is " + std::to_string(a.n_rows) +
                                "x" + std::to_string(a.n_cols));
}
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

namespace {

template <class T> void forward_of(const Activation& f, const arma::Mat<T>& z, arma::Mat<T>& a) {
  a.set_size(arma::size(z)); // a no-op when it arrives sized, as it should
  kernels::activation_forward(f, z.memptr(), a.memptr(), z.n_rows, z.n_cols);
}

template <class T>
void backward_of(const Activation& f, const arma::Mat<T>& a, const arma::Mat<T>& dA,
                 arma::Mat<T>& delta, arma::Col<T>* row_sums) {
  check_same_size(a, dA);
  delta.set_size(arma::size(a));
  if (row_sums) row_sums->set_size(a.n_rows);
  kernels::activation_backward(f, a.memptr(), dA.memptr(), delta.memptr(), a.n_rows, a.n_cols,
                               row_sums ? row_sums->memptr() : nullptr);
}

} // namespace

void Activation::forward(const arma::mat& z, arma::mat& a) const {
  forward_of(*this, z, a);
}

void Activation::forward(const arma::fmat& z, arma::fmat& a) const {
  forward_of(*this, z, a);
}

void Activation::backward(const arma::mat& a, const arma::mat& dA, arma::mat& delta) const {
  backward_of<double>(*this, a, dA, delta, nullptr);
}

void Activation::backward(const arma::fmat& a, const arma::fmat& dA, arma::fmat& delta) const {
  backward_of<float>(*this, a, dA, delta, nullptr);
}

void Activation::backward(const arma::mat& a, const arma::mat& dA, arma::mat& delta,
                          arma::vec& row_sums) const {
  backward_of(*this, a, dA, delta, &row_sums);
}

void Activation::backward(const arma::fmat& a, const arma::fmat& dA, arma::fmat& delta,
                          arma::fvec& row_sums) const {
  backward_of(*this, a, dA, delta, &row_sums);
}

} // namespace nnlab
