#pragma once

#include <armadillo>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// A layer's activation f. Elementwise ones use the stored a = f(z) for the derivative
/// (tanh' = 1 - a^2, sigmoid' = a (1 - a), relu' = 1[a > 0], leaky_relu' = 1 or slope,
/// identity' = 1); softmax works column by column.
///   relu(z) = max(z, 0);  leaky_relu(z) = z for z > 0, slope z otherwise (slope in [0, 1));
///   identity(z) = z (regression outputs).
class NNLAB_EXPORT Activation {
public:
  enum class Kind { tanh, sigmoid, relu, leaky_relu, identity, softmax };
  static constexpr double default_slope = 0.01;

  explicit Activation(Kind kind, double slope = default_slope) : kind_(kind), slope_(slope) {}
  static std::optional<Activation> from_name(std::string_view name);
  static std::vector<std::string> names();
  Kind kind() const { return kind_; }
  /// leaky_relu's slope for z < 0.
  double slope() const { return slope_; }
  std::string name() const;
  /// The name with its parameter where it has one: "leaky_relu(slope=0.2)".
  std::string describe() const;
  /// Softmax normalises over a whole column, so it only makes sense on the output layer.
  bool output_only() const { return kind_ == Kind::softmax; }
  /// a = f(z), in one vectorised sweep (activation_kernels.hpp); a arrives sized like z.
  /// In double or in single precision (a float32 network's passes).
  void forward(const arma::mat& z, arma::mat& a) const;
  void forward(const arma::fmat& z, arma::fmat& a) const;
  /// delta = dC/dz from dA = dC/da: dA % f'(z) for elementwise f; for softmax
  /// delta = a % (dA - 1 (a^T dA)), per column.
  void backward(const arma::mat& a, const arma::mat& dA, arma::mat& delta) const;
  void backward(const arma::fmat& a, const arma::fmat& dA, arma::fmat& delta) const;
  /// The same, and row_sums = sum(delta, 1) (a layer's bias gradient times m) from the
  /// same sweep.
  void backward(const arma::mat& a, const arma::mat& dA, arma::mat& delta,
                arma::vec& row_sums) const;
  void backward(const arma::fmat& a, const arma::fmat& dA, arma::fmat& delta,
                arma::fvec& row_sums) const;

private:
  Kind kind_;
  double slope_;
};

} // namespace nnlab
