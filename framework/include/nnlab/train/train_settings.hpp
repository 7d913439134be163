#pragma once

#include <armadillo>

namespace nnlab {

/// Full-batch gradient descent: `iterations` steps of the optimizer at rate alpha.
struct TrainSettings {
  arma::uword iterations = 5000;
  double learning_rate = 0.05;
};

} // namespace nnlab
