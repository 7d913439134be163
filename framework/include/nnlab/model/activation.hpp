#pragma once

#include <armadillo>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// A layer's activation f. Elementwise ones use the stored a = f(z) for the derivative
/// (tanh' = 1 - a^2, sigmoid' = a (1 - a)); softmax works column by column.
class NNLAB_EXPORT Activation {
public:
  enum class Kind { tanh, sigmoid, softmax };

  explicit Activation(Kind kind) : kind_(kind) {}
  static std::optional<Activation> from_name(std::string_view name);
  static std::vector<std::string> names();

  Kind kind() const { return kind_; }
  std::string name() const;
  /// Softmax normalises over a whole column, so it only makes sense on the output layer.
  bool output_only() const { return kind_ == Kind::softmax; }

  /// a = f(z); a arrives sized like z.
  void forward(const arma::mat& z, arma::mat& a) const;
  /// delta = dC/dz from dA = dC/da: dA % f'(z) for elementwise f; for softmax
  /// delta = a % (dA - 1 (a^T dA)), per column.
  void backward(const arma::mat& a, const arma::mat& dA, arma::mat& delta) const;

private:
  Kind kind_;
};

} // namespace nnlab
