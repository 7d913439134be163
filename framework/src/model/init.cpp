#include "nnlab/model/init.hpp"

namespace nnlab {

void initialize(Mlp& mlp, const InitSpec& spec, Rng& rng) {
  const auto draw = [&] { return rng.uniform(spec.low, spec.high); };
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l) {
    arma::mat& W = mlp.layer(l).W();
    for (arma::uword r = 0; r < W.n_rows; ++r)
      for (arma::uword c = 0; c < W.n_cols; ++c)
        W(r, c) = draw();
  }
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l)
    for (double& value : mlp.layer(l).b())
      value = draw();
}

} // namespace nnlab
