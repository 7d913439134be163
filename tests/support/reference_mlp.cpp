#include "support/reference_mlp.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace nnlab::test {

namespace {
using Kind = Activation::Kind;
} // namespace

arma::mat reference_forward(const Activation& f, const arma::mat& z) {
  switch (f.kind()) {
  case Kind::tanh: return arma::tanh(z);
  case Kind::sigmoid: return 1.0 / (1.0 + arma::exp(-z));
  case Kind::relu:
  case Kind::leaky_relu: {
    const double slope = f.kind() == Kind::relu ? 0.0 : f.slope();
    arma::mat a = z;
    for (double& v : a)
      v = v > 0.0 ? v : (slope == 0.0 ? 0.0 : slope * v);
    return a;
  }
  case Kind::identity: return z;
  case Kind::softmax: {
    arma::mat a = z;
    for (arma::uword j = 0; j < z.n_cols; ++j) {
      const arma::vec e = arma::exp(z.col(j) - z.col(j).max());
      a.col(j) = e / arma::accu(e);
    }
    return a;
  }
  }
  return z;
}

arma::mat reference_backward(const Activation& f, const arma::mat& a, const arma::mat& dA) {
  switch (f.kind()) {
  case Kind::tanh: return dA % (1.0 - a % a);
  case Kind::sigmoid: return dA % a % (1.0 - a);
  // a > 0 exactly where z > 0; elsewhere (NaN included) relu passes nothing back.
  case Kind::relu:
  case Kind::leaky_relu: {
    const double slope = f.kind() == Kind::relu ? 0.0 : f.slope();
    arma::mat delta = dA;
    for (arma::uword i = 0; i < a.n_elem; ++i)
      if (!(a[i] > 0.0)) delta[i] = slope == 0.0 ? 0.0 : slope * dA[i];
    return delta;
  }
  case Kind::identity: return dA;
  case Kind::softmax: {
    arma::mat delta(arma::size(a));
    for (arma::uword j = 0; j < a.n_cols; ++j)
      delta.col(j) = a.col(j) % (dA.col(j) - arma::dot(a.col(j), dA.col(j)));
    return delta;
  }
  }
  return dA;
}

ReferencePass reference_pass(const Mlp& mlp, const arma::mat& X, const arma::mat& dA_L) {
  const arma::uword L = mlp.n_layers();
  const double m = static_cast<double>(X.n_cols);
  ReferencePass pass;
  for (auto* list : {&pass.z, &pass.a, &pass.dA, &pass.delta, &pass.dW})
    list->resize(L + 1);
  pass.db.resize(L + 1);
  for (arma::uword l = 1; l <= L; ++l) {
    const DenseLayer& layer = mlp.layer(l);
    const arma::mat& a_prev = l == 1 ? X : pass.a[l - 1];
    pass.z[l] = layer.W() * a_prev + arma::repmat(layer.b(), 1, X.n_cols);
    pass.a[l] = reference_forward(layer.activation(), pass.z[l]);
  }
  if (dA_L.is_empty()) return pass;
  pass.dA[L] = dA_L;
  for (arma::uword l = L; l >= 1; --l) {
    const DenseLayer& layer = mlp.layer(l);
    const arma::mat& a_prev = l == 1 ? X : pass.a[l - 1];
    pass.delta[l] = reference_backward(layer.activation(), pass.a[l], pass.dA[l]);
    pass.dW[l] = pass.delta[l] * a_prev.t() / m;
    pass.db[l] = arma::sum(pass.delta[l], 1) / m;
    if (l > 1) pass.dA[l - 1] = layer.W().t() * pass.delta[l];
  }
  return pass;
}

arma::vec reference_grads(const ReferencePass& pass) {
  arma::vec grads;
  for (std::size_t l = 1; l < pass.dW.size(); ++l)
    grads = arma::join_cols(grads, arma::vectorise(pass.dW[l]), pass.db[l]);
  return grads;
}

std::string mismatch(const arma::mat& x, const arma::mat& reference, const arma::mat& scale,
                     double tol) {
  std::ostringstream out;
  if (arma::size(x) != arma::size(reference)) {
    out << "size " << x.n_rows << "x" << x.n_cols << ", reference " << reference.n_rows << "x"
        << reference.n_cols;
    return out.str();
  }
  out.precision(17);
  for (arma::uword i = 0; i < x.n_elem; ++i) {
    const double v = x[i], r = reference[i];
    const bool ok = std::isnan(r)   ? std::isnan(v)
                    : std::isinf(r) ? v == r
                                    : std::abs(v - r) <= tol * scale[i];
    if (!ok) {
      out << "element (" << i % x.n_rows << ", " << i / x.n_rows << ") is " << v << ", reference "
          << r << " (scale " << scale[i] << ")";
      return out.str();
    }
  }
  return {};
}

std::string mismatch(const arma::mat& x, const arma::mat& reference, double tol) {
  return mismatch(x, reference, arma::abs(reference), tol);
}

std::string norm_mismatch(const arma::mat& x, const arma::mat& reference, double tol) {
  double largest = 0.0;
  for (const double r : reference)
    if (std::isfinite(r)) largest = std::max(largest, std::abs(r));
  return mismatch(x, reference, arma::mat(arma::size(reference)).fill(largest), tol);
}

} // namespace nnlab::test
