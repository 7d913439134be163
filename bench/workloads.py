"""Workloads W1-W3 of issue 6: data, architecture, optimizer, iterations, the initial
weights every implementation starts from, and which implementations run them."""
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def sizes_of(n_inputs, layers):
    return list(zip([n_inputs] + layers[:-1], layers))  # (inputs, units) per layer


def course_draws(seed):
    """The course notebook's draws: np.random.seed(seed), then np.random.random for W1..WL
    (units, inputs), then for b1..bL (units, 1)."""
    def draw(n_inputs, layers):
        np.random.seed(seed)
        Ws = [np.random.random((units, inputs)) for inputs, units in sizes_of(n_inputs, layers)]
        bs = [np.random.random((units, 1)) for _, units in sizes_of(n_inputs, layers)]
        return list(zip(Ws, bs))
    return draw


def uniform_draws(seed, low, high):
    """W_l then b_l, each uniform in [low, high)."""
    def draw(n_inputs, layers):
        rng = np.random.default_rng(seed)
        return [(rng.uniform(low, high, (units, inputs)), rng.uniform(low, high, (units, 1)))
                for inputs, units in sizes_of(n_inputs, layers)]
    return draw


def xavier_draws(seed):
    """Glorot uniform W_l in [-r, r), r = sqrt(6 / (inputs + units)); b_l = 0."""
    def draw(n_inputs, layers):
        rng = np.random.default_rng(seed)
        return [(rng.uniform(-1, 1, (units, inputs)) * np.sqrt(6.0 / (inputs + units)),
                 np.zeros((units, 1))) for inputs, units in sizes_of(n_inputs, layers)]
    return draw


@dataclass
class Workload:
    name: str
    title: str
    layers: list
    iterations: int
    alpha: float
    optimizer: str
    initial: Callable
    impls: list
    impls32: list  # the float32 peers, against nnlab with model.precision: float32
    momentum: float = 0.0
    data_plugin: Optional[dict] = None  # exported with `runner export-data`
    nnlab_before_each_peer: bool = True  # else once per round (long runs)
    rounds_per_round: int = 1  # short workloads repeat each of --rounds this many times
    train: Optional[Path] = None
    test: Optional[Path] = None
    weights: Optional[Path] = None
    yaml: Optional[Path] = None

    def initial_weights(self, n_inputs):
        return self.initial(n_inputs, self.layers)

    def all_impls(self):
        """Every implementation run: the float64 ones, then nnlab and the peers in float32."""
        return self.impls + ["nnlab float32"] + [f"{impl} float32" for impl in self.impls32]


PEERS = ["numpy_vectorised", "torch", "sklearn"]
PEERS32 = ["numpy_vectorised", "torch"]

WORKLOADS = [
    Workload("W1", "the course run: XOR 1000/500, 2-3-2-1 tanh/sigmoid, sgd 0.05, 5000 iterations",
             [3, 2, 1], 5000, 0.05, "sgd", course_draws(42),
             ["nnlab", "fused_xor", "course_numpy"] + PEERS, PEERS32, rounds_per_round=3,
             train=ROOT / "data/xor_train.csv", test=ROOT / "data/xor_test.csv"),
    Workload("W2", "double spiral 800/200, [32, 32, 1], momentum 0.9 at 0.02, 5000 iterations",
             [32, 32, 1], 5000, 0.02, "momentum", uniform_draws(2, -0.5, 0.5),
             ["nnlab", "course_numpy"] + PEERS, PEERS32, momentum=0.9, rounds_per_round=2,
             data_plugin={"plugin": "double_spiral", "n_points_per_class": 500, "noise": 0.2,
                          "test_fraction": 0.2, "seed": 42}),
    Workload("W3", "double spiral 10000/2500, [256, 256, 256, 1], sgd 0.05, 200 iterations",
             [256, 256, 256, 1], 200, 0.05, "sgd", xavier_draws(3), ["nnlab"] + PEERS, PEERS32,
             nnlab_before_each_peer=False,
             data_plugin={"plugin": "double_spiral", "n_points_per_class": 6250, "noise": 0.2,
                          "test_fraction": 0.2, "seed": 42}),
]


def samples_in(path):
    with open(path) as f:
        return sum(1 for line in f if line.strip()) - 1  # minus the header


def inputs_of(w):
    """The number of features of w's data (the train CSV's columns but the label)."""
    return np.loadtxt(w.train, delimiter=",", max_rows=1, skiprows=1).size - 1


def flops_per_iteration(w):
    """Multiply-adds x 2 of one iteration: forward over train and test, and backward over
    train (dW_l = delta a_{l-1}^T for every layer, delta_{l-1} = W_l^T delta for l > 1)."""
    n_inputs = inputs_of(w)
    products = [inputs * units for inputs, units in sizes_of(n_inputs, w.layers)]
    m_train, m_test = samples_in(w.train), samples_in(w.test)
    forward = 2 * sum(products) * (m_train + m_test)
    backward = 2 * sum(products) * m_train + 2 * sum(products[1:]) * m_train
    return forward + backward
