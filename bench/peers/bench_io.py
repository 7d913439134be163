"""What every peer shares: reading the data and the initial weights exactly as nnlab reads
them, timing each iteration, and writing the result file the bench's table is made from.

Data: CSV with a header, the feature columns, then the label column `y` (0/1), one sample
per line (data/xor_*.csv, or what `runner export-data` writes).
Weights: nnlab's CSV weights format (README "Initial weights from a file"): one line per
array, `NAME,v1,v2,...`, values row by row; W_l is (units_l, inputs_l), b_l is (units_l, 1).
"""
import argparse
import json
import time

import numpy as np

# nnlab's binary_cross_entropy clips outputs to [eps, 1 - eps] before the logs.
BCE_EPSILON = 1e-12


def load_data(path):
    """Features as (m, n) rows and labels as an (m,) vector of 0/1."""
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return data[:, :-1].copy(), data[:, -1].copy()


def load_weights(path):
    """[(W1, b1), (W2, b2), ...] with W_l (units, inputs) and b_l (units, 1)."""
    arrays = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, *values = line.split(",")
            arrays[name.strip()] = np.array([float(v) for v in values])
    layers = []
    inputs = None
    for l in range(1, len(arrays) // 2 + 1):
        b = arrays[f"b{l}"].reshape(-1, 1)
        units = b.shape[0]
        W = arrays[f"W{l}"].reshape(units, -1)
        if inputs is not None and W.shape[1] != inputs:
            raise ValueError(f"{path}: W{l} is {W.shape}, previous layer has {inputs} units")
        inputs = units
        layers.append((W, b))
    return layers


def write_weights(path, layers):
    """The inverse of load_weights, every value to the bit (repr)."""
    with open(path, "w") as f:
        f.write("# initial weights: one line per array, values row by row\n")
        for l, (W, b) in enumerate(layers, start=1):
            for name, a in ((f"W{l}", W), (f"b{l}", b)):
                f.write(name + "," + ",".join(repr(float(v)) for v in a.ravel()) + "\n")


def bce(a, y):
    """nnlab's binary cross-entropy: mean over samples, outputs clipped. Float32 outputs are
    taken in double, as nnlab's loss takes a float32 network's outputs (1 - 1e-12 is 1 in
    float32: a saturated output would cost log(0))."""
    if a.dtype != np.float64:
        a, y = a.astype(np.float64), y.astype(np.float64)
    a = np.clip(a, BCE_EPSILON, 1.0 - BCE_EPSILON)
    return float(-np.mean(y * np.log(a) + (1.0 - y) * np.log(1.0 - a)))


class IterationClock:
    """Stamps the start of each iteration; the differences are the iterations' times."""

    def __init__(self, iterations):
        self.stamps = np.empty(iterations + 1)
        self.n = 0

    def tick(self):
        self.stamps[self.n] = time.perf_counter()
        self.n += 1

    def times(self):
        return np.diff(self.stamps[: self.n])


def write_result(path, impl, clock, cost_train, cost_test, skips="", extra=None):
    """The result file: median and mean time per iteration, the last iteration's costs
    (recorded before its update, as nnlab records them)."""
    times = clock.times() if clock is not None else np.array([])
    result = {
        "impl": impl,
        "iterations": int(len(times)),
        "median_iteration_s": float(np.median(times)) if len(times) else None,
        "mean_iteration_s": float(np.mean(times)) if len(times) else None,
        "cost_train": cost_train,
        "cost_test": cost_test,
        "skips": skips,
    }
    result.update(extra or {})
    with open(path, "w") as f:
        json.dump(result, f)


def peer_arguments(description):
    """The command line every peer that trains one run shares:
    TRAIN TEST WEIGHTS OUT [--iterations N] [--alpha A] [--momentum M]."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("train")
    parser.add_argument("test")
    parser.add_argument("weights")
    parser.add_argument("out")
    parser.add_argument("--iterations", type=int, default=5000)
    parser.add_argument("--alpha", type=float, default=0.05)
    parser.add_argument("--momentum", type=float, default=0.0)
    return parser
