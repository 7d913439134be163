#!/usr/bin/env python3
"""The course notebook's training loop (T5, "a neural network by hand"), as a student
completes it: samples as (m, j, 1) tensors, a 2-3-2-1 network with tanh hidden layers and a
sigmoid output, binary cross-entropy, full-batch gradient descent.

Weights as the notebook draws them: np.random.seed(seed), then np.random.random for W1, W2,
W3 (shapes (units_l, units_{l-1})) and b1, b2, b3 (shapes (units_l, 1)), in that order.
nnlab's `init: {kind: numpy_legacy}` with `seeds: [seed]` draws the same numbers, so both
record the same cost curves (tests/course/numpy_legacy_test.cpp compares them).

usage: course_numpy.py TRAIN.csv TEST.csv OUT.csv [--seed 42] [--iterations 5000]
                       [--alpha 0.05] [--layers 3,2,1] [--momentum MU]
                       [--weights WEIGHTS.csv] [--json RESULT.json]
CSV files: a header x1,x2,y then one sample per line. OUT.csv gets iteration,cost_train,
cost_test.
For the benchmark (bench/): --weights starts from nnlab's CSV weights file instead of the
notebook's draws, --layers sets the widths q, r of the two hidden layers (the notebook's
3, 2; the output stays 1), --momentum updates as v = mu v - alpha g; W = W + v (the course's
Part III), and --json writes the time per iteration and the last costs (bench_io.py).
"""
import argparse

import numpy as np

from bench_io import IterationClock, load_weights, write_result


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :2], data[:, 2]


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1.0 - np.tanh(z) ** 2


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def cross_entropy_cost(y_pred, y_true):
    return -np.mean(y_true * np.log(y_pred) + (1.0 - y_true) * np.log(1.0 - y_pred))


def L_prime(y_pred, y_true):
    return -(y_true / y_pred) + (1.0 - y_true) / (1.0 - y_pred)


def feedforward(input_X, weights, biases):
    W1, W2, W3 = weights
    b1, b2, b3 = biases
    m = len(input_X)
    a0 = input_X.reshape((m, -1, 1))
    z1 = np.matmul(W1, a0) + b1
    a1 = tanh(z1)
    z2 = np.matmul(W2, a1) + b2
    a2 = tanh(z2)
    z3 = np.matmul(W3, a2) + b3
    a3 = sigmoid(z3)
    return [a0, z1, a1, z2, a2, z3, a3]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("train")
    parser.add_argument("test")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--iterations", type=int, default=5000)
    parser.add_argument("--alpha", type=float, default=0.05)
    parser.add_argument("--layers", default="3,2,1")
    parser.add_argument("--momentum", type=float, default=0.0)
    parser.add_argument("--weights")
    parser.add_argument("--json")
    args = parser.parse_args()

    X_train, y_train = load(args.train)
    X_test, y_test = load(args.test)
    alpha, n_iter = args.alpha, args.iterations
    m = len(X_train)
    n = X_train.shape[1]
    q, r, _ = (int(units) for units in args.layers.split(","))

    if args.weights:
        (W1, b1), (W2, b2), (W3, b3) = load_weights(args.weights)
    else:
        np.random.seed(args.seed)
        W1 = np.random.random((q, n))
        W2 = np.random.random((r, q))
        W3 = np.random.random((1, r))
        b1 = np.random.random((q, 1))
        b2 = np.random.random((r, 1))
        b3 = np.random.random((1, 1))
    mu = args.momentum
    vW1, vW2, vW3 = np.zeros_like(W1), np.zeros_like(W2), np.zeros_like(W3)
    vb1, vb2, vb3 = np.zeros_like(b1), np.zeros_like(b2), np.zeros_like(b3)

    y_train = np.reshape(y_train, (-1, 1, 1))
    y_test = np.reshape(y_test, (-1, 1, 1))
    costs_train, costs_test = [], []
    clock = IterationClock(n_iter)
    for iter_idx in range(1, n_iter + 1):
        clock.tick()
        ypred_test = feedforward(X_test, [W1, W2, W3], [b1, b2, b3])[-1]
        a0, z1, a1, z2, a2, z3, a3 = feedforward(X_train, [W1, W2, W3], [b1, b2, b3])
        costs_train.append(cross_entropy_cost(a3, y_train))
        costs_test.append(cross_entropy_cost(ypred_test, y_test))

        delta_3 = L_prime(a3, y_train) * sigmoid_prime(z3)
        delta_2 = np.matmul(W3.T, delta_3) * tanh_prime(z2)
        delta_1 = np.matmul(W2.T, delta_2) * tanh_prime(z1)
        dCostdW3 = np.mean(np.matmul(delta_3, np.transpose(a2, (0, 2, 1))), axis=0)
        dCostdW2 = np.mean(np.matmul(delta_2, np.transpose(a1, (0, 2, 1))), axis=0)
        dCostdW1 = np.mean(np.matmul(delta_1, np.transpose(a0, (0, 2, 1))), axis=0)
        dCostdb3 = np.mean(delta_3, axis=0)
        dCostdb2 = np.mean(delta_2, axis=0)
        dCostdb1 = np.mean(delta_1, axis=0)

        if mu == 0.0:
            W3 = W3 - alpha * dCostdW3
            W2 = W2 - alpha * dCostdW2
            W1 = W1 - alpha * dCostdW1
            b3 = b3 - alpha * dCostdb3
            b2 = b2 - alpha * dCostdb2
            b1 = b1 - alpha * dCostdb1
        else:
            vW3 = mu * vW3 - alpha * dCostdW3
            vW2 = mu * vW2 - alpha * dCostdW2
            vW1 = mu * vW1 - alpha * dCostdW1
            vb3 = mu * vb3 - alpha * dCostdb3
            vb2 = mu * vb2 - alpha * dCostdb2
            vb1 = mu * vb1 - alpha * dCostdb1
            W3, W2, W1 = W3 + vW3, W2 + vW2, W1 + vW1
            b3, b2, b1 = b3 + vb3, b2 + vb2, b1 + vb1
    clock.tick()
    if args.json:
        write_result(args.json, "course_numpy", clock, float(costs_train[-1]),
                     float(costs_test[-1]))

    with open(args.out, "w") as out:
        out.write("iteration,cost_train,cost_test\n")
        for i, (c_train, c_test) in enumerate(zip(costs_train, costs_test), start=1):
            out.write(f"{i},{c_train!r},{c_test!r}\n")


if __name__ == "__main__":
    main()
