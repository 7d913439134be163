#!/usr/bin/env python3
"""The course's math vectorised as an expert writes it in NumPy: samples as columns
(X is n x m), one matrix product per layer and pass, tanh hidden layers, a sigmoid output,
binary cross-entropy (delta_L = a_L - y), full-batch gradient descent with sgd, momentum
(v = mu v - alpha g; w += v) or Nesterov (v = mu v - alpha g; w += mu v - alpha g).
Each iteration computes what nnlab's does: the test and train costs before the update,
then the update. In float64, or with --dtype float32 in single precision throughout (data,
weights and every product; NumPy keeps float32 when Python scalars meet float32 arrays).

usage: numpy_vectorised.py TRAIN.csv TEST.csv WEIGHTS.csv OUT.json --iterations N --alpha A
                           [--optimizer sgd|momentum|nesterov] [--momentum MU]
                           [--dtype float64|float32]
       numpy_vectorised.py --sweep RUNS.json TRAIN.csv TEST.csv OUT.json
RUNS.json (the sweep mode: many runs in one process, W4): a list of {"optimizer", "alpha",
"momentum", "seed", "iterations", "layers"}; weights are drawn uniform in [0, 1) from the
seed (timing only). OUT.json gets the total training time.
"""
import argparse
import json
import time

import numpy as np

from bench_io import IterationClock, bce, load_data, load_weights, write_result


def forward(X, layers):
    """Activations a_0 = X, a_1, ..., a_L."""
    A = [X]
    for l, (W, b) in enumerate(layers, start=1):
        Z = W @ A[-1] + b
        A.append(np.tanh(Z) if l < len(layers) else 1.0 / (1.0 + np.exp(-Z)))
    return A


def gradients(A, Y, layers):
    """dC/dW_l and dC/db_l from the activations of a forward pass."""
    m = Y.shape[1]
    delta = (A[-1] - Y) / m  # sigmoid + cross-entropy
    grads = [None] * len(layers)
    for l in range(len(layers), 0, -1):
        grads[l - 1] = (delta @ A[l - 1].T, delta.sum(axis=1, keepdims=True))
        if l > 1:
            delta = (layers[l - 1][0].T @ delta) * (1.0 - A[l - 1] ** 2)
    return grads


def train(X, Y, X_test, Y_test, layers, iterations, alpha, optimizer, mu, clock=None):
    """Trains in place; returns the last iteration's train and test costs."""
    velocity = [(np.zeros_like(W), np.zeros_like(b)) for W, b in layers]
    cost_train = cost_test = None
    for _ in range(iterations):
        if clock:
            clock.tick()
        cost_test = bce(forward(X_test, layers)[-1], Y_test)
        A = forward(X, layers)
        cost_train = bce(A[-1], Y)
        for l, (g, v) in enumerate(zip(gradients(A, Y, layers), velocity)):
            for p, dp, vp in zip(layers[l], g, v):
                if optimizer == "sgd":
                    p -= alpha * dp
                else:
                    vp *= mu
                    vp -= alpha * dp
                    p += (mu * vp - alpha * dp) if optimizer == "nesterov" else vp
    if clock:
        clock.tick()
    return cost_train, cost_test


def columns(path, dtype=np.float64):
    X, y = load_data(path)
    return np.ascontiguousarray(X.T, dtype=dtype), y.reshape(1, -1).astype(dtype)


def sweep(args):
    X, Y = columns(args.train)
    X_test, Y_test = columns(args.test)
    with open(args.sweep) as f:
        runs = json.load(f)
    start = time.perf_counter()
    for run in runs:
        rng = np.random.default_rng(run["seed"])
        sizes = [X.shape[0]] + run["layers"]
        layers = [(rng.random((o, i)), rng.random((o, 1))) for i, o in zip(sizes, sizes[1:])]
        train(X, Y, X_test, Y_test, layers, run["iterations"], run["alpha"], run["optimizer"],
              run.get("momentum", 0.0))
    total = time.perf_counter() - start
    write_result(args.out, "numpy_vectorised", None, None, None,
                 extra={"runs": len(runs), "total_train_s": total})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sweep")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--iterations", type=int, default=5000)
    parser.add_argument("--alpha", type=float, default=0.05)
    parser.add_argument("--optimizer", default="sgd", choices=["sgd", "momentum", "nesterov"])
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    args = parser.parse_args()
    if args.sweep:
        args.train, args.test, args.out = args.files
        return sweep(args)
    args.train, args.test, weights, out = args.files
    dtype = np.dtype(args.dtype)
    X, Y = columns(args.train, dtype)
    X_test, Y_test = columns(args.test, dtype)
    layers = [(W.astype(dtype), b.astype(dtype)) for W, b in load_weights(weights)]
    clock = IterationClock(args.iterations)
    cost_train, cost_test = train(X, Y, X_test, Y_test, layers, args.iterations, args.alpha,
                                  args.optimizer, args.momentum, clock)
    write_result(out, "numpy_vectorised", clock, cost_train, cost_test)


if __name__ == "__main__":
    main()
