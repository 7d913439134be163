#!/usr/bin/env python3
"""The same network in PyTorch on the CPU, float64 (or float32, PyTorch's default, with
--dtype float32), one thread: nn.Linear layers (weight
(units, inputs) = the course's W), tanh hidden layers, a sigmoid output,
F.binary_cross_entropy, torch.optim.SGD over the whole training set (momentum mu for W2:
torch's v = mu v + g; w -= alpha v is nnlab's v = mu v - alpha g; w += v with v scaled by
-alpha). Each iteration computes the test cost (no_grad), the train cost, backward, step.

usage: torch_sgd.py TRAIN.csv TEST.csv WEIGHTS.csv OUT.json --iterations N --alpha A
                    [--momentum MU] [--nesterov] [--dtype float64|float32]
"""

import torch
import torch.nn.functional as F

from bench_io import IterationClock, load_data, load_weights, peer_arguments, write_result


def build(layers, dtype):
    modules = []
    for l, (W, b) in enumerate(layers, start=1):
        linear = torch.nn.Linear(W.shape[1], W.shape[0], dtype=dtype)
        with torch.no_grad():  # copy_ rounds the file's doubles to the model's dtype
            linear.weight.copy_(torch.from_numpy(W))
            linear.bias.copy_(torch.from_numpy(b.ravel()))
        modules += [linear, torch.nn.Tanh() if l < len(layers) else torch.nn.Sigmoid()]
    return torch.nn.Sequential(*modules)


def cost(output, target):
    # As a PyTorch user writes it. torch clamps each log at -100 where nnlab clips outputs to
    # [1e-12, 1 - 1e-12]: the same numbers unless an output comes within 1e-12 of 0 or 1.
    return F.binary_cross_entropy(output, target)


def main():
    parser = peer_arguments(__doc__)
    parser.add_argument("--nesterov", action="store_true")
    parser.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    args = parser.parse_args()
    torch.set_num_threads(1)
    dtype = getattr(torch, args.dtype)

    X, y = (torch.from_numpy(a).to(dtype) for a in load_data(args.train))
    X_test, y_test = (torch.from_numpy(a).to(dtype) for a in load_data(args.test))
    y, y_test = y.reshape(-1, 1), y_test.reshape(-1, 1)
    model = build(load_weights(args.weights), dtype)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.alpha, momentum=args.momentum,
                                nesterov=args.nesterov)
    clock = IterationClock(args.iterations)
    for _ in range(args.iterations):
        clock.tick()
        with torch.no_grad():
            cost_test = cost(model(X_test), y_test)
        optimizer.zero_grad()
        loss = cost(model(X), y)
        loss.backward()
        optimizer.step()
    clock.tick()
    write_result(args.out, "torch", clock, loss.item(), cost_test.item())


if __name__ == "__main__":
    main()
