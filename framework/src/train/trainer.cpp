#include "nnlab/train/trainer.hpp"

#include <cmath>
#include <stdexcept>

#include "nnlab/core/error.hpp"
#include "nnlab/train/metrics.hpp"

namespace nnlab {

TrainResult Trainer::run(Mlp& mlp, Optimizer& optimizer, const Loss& loss, const DataSplit& data,
                         const TrainSettings& settings, TrainObserver& observer,
                         const TrainStart& start) const {
  const arma::mat& X_train = data.train.X;
  const arma::mat& X_test = data.test.X;
  if (X_train.n_rows != mlp.n_inputs() || X_test.n_rows != mlp.n_inputs())
    throw DataError("Trainer: the data has " + std::to_string(X_train.n_rows) +
                    " features, the network expects " + std::to_string(mlp.n_inputs()));
  if (start.iteration > settings.iterations)
    throw std::invalid_argument("Trainer::run(): start after iteration " +
                                std::to_string(start.iteration) + " of " +
                                std::to_string(settings.iterations));

  // Everything the loop touches is sized here, so the loop itself allocates nothing.
  const arma::mat Y_train = make_targets(data.train.y, mlp.n_outputs());
  const arma::mat Y_test = make_targets(data.test.y, mlp.n_outputs());
  Nodes train = mlp.make_nodes(X_train.n_cols);
  Nodes test = mlp.make_nodes(X_test.n_cols);
  arma::mat& dA_L = train.dA.back();
  optimizer.reset(mlp.n_params());
  if (start.optimizer_state) optimizer.restore(*start.optimizer_state);

  TrainResult result;
  result.iterations_done = start.iteration;
  IterationStats stats;
  for (arma::uword iteration = start.iteration + 1; iteration <= settings.iterations; ++iteration) {
    const arma::mat& a_test = mlp.forward(X_test, test);
    const arma::mat& a_train = mlp.forward(X_train, train);
    stats.iteration = iteration;
    stats.cost_train = loss.value(a_train, Y_train);
    stats.cost_test = loss.value(a_test, Y_test);
    if (!std::isfinite(stats.cost_train) || !std::isfinite(stats.cost_test)) {
      result.status = TrainResult::Status::diverged;
      result.message = "cost became " + std::to_string(stats.cost_train) + " (train) / " +
                       std::to_string(stats.cost_test) + " (test) at iteration " +
                       std::to_string(iteration) + "; try a smaller learning rate?";
      return result;
    }
    stats.accuracy_train = accuracy(a_train, data.train.y);
    stats.accuracy_test = accuracy(a_test, data.test.y);
    result.iterations_done = iteration;
    if (observer.on_iteration(stats)) {
      result.status = TrainResult::Status::stopped;
      result.message = "stopped by an observer at iteration " + std::to_string(iteration);
      return result;
    }

    loss.gradient(a_train, Y_train, dA_L);
    mlp.backward(X_train, train);
    optimizer.step(mlp.params(), mlp.grads(), settings.learning_rate);
    if (observer.after_step(iteration, mlp, optimizer)) {
      result.status = TrainResult::Status::stopped;
      result.message = "stopped by an observer after iteration " + std::to_string(iteration);
      return result;
    }
  }
  return result;
}

} // namespace nnlab
