#!/usr/bin/env python3
"""The same network in scikit-learn: MLPClassifier(solver='sgd', batch_size=m) trains on
the whole training set per iteration (one epoch = one batch = one update), tanh hidden
layers, a logistic output with log-loss, no L2 (alpha=0), constant learning rate, momentum
mu without Nesterov (sklearn's v = mu v - alpha g; w += v, as nnlab's), no shuffling, no
early stop. The initial weights come from the file (sklearn keeps W_l transposed:
coefs_[l] is (inputs, units)).

What it skips: the test cost at each iteration (sklearn computes only the train loss).
The last iteration's test cost, which nnlab records before the last update, is computed
once after update n - 1 for the comparison (one iteration in n; the median ignores it).

usage: sklearn_mlp.py TRAIN.csv TEST.csv WEIGHTS.csv OUT.json --iterations N --alpha A
                      [--momentum MU]
"""
import warnings

from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from bench_io import IterationClock, bce, load_data, load_weights, peer_arguments, write_result


class MLPFromFile(MLPClassifier):
    """MLPClassifier that starts from given weights and stamps the end of every
    iteration (through the hooks sklearn 1.2 calls once per layer and once per epoch)."""

    def _init_coef(self, fan_in, fan_out, dtype):
        W, b = self.start_.pop(0)
        assert W.shape == (fan_out, fan_in), (W.shape, fan_in, fan_out)
        return W.T.astype(dtype, copy=True), b.ravel().astype(dtype, copy=True)

    def _update_no_improvement_count(self, early_stopping, X_val, y_val):
        self.clock_.tick()
        if self.n_iter_ == self.max_iter - 1:  # the weights the last iteration starts from
            self.last_cost_test_ = bce(self.predict_proba(self.X_test_)[:, 1], self.y_test_)
        super()._update_no_improvement_count(early_stopping, X_val, y_val)


def main():
    parser = peer_arguments(__doc__)
    args = parser.parse_args()

    X, y = load_data(args.train)
    start = load_weights(args.weights)
    model = MLPFromFile(hidden_layer_sizes=tuple(W.shape[0] for W, _ in start[:-1]),
                        activation="tanh", solver="sgd", alpha=0.0, batch_size=len(X),
                        learning_rate="constant", learning_rate_init=args.alpha,
                        max_iter=args.iterations, shuffle=False, tol=0.0,
                        n_iter_no_change=args.iterations + 1, momentum=args.momentum,
                        nesterovs_momentum=False, early_stopping=False, random_state=0)
    model.start_ = start
    model.clock_ = IterationClock(args.iterations)
    model.X_test_, model.y_test_ = load_data(args.test)
    model.last_cost_test_ = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    write_result(args.out, "sklearn", model.clock_, float(model.loss_curve_[-1]),
                 model.last_cost_test_, skips="test cost")


if __name__ == "__main__":
    main()
