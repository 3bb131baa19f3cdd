"""The chain y = y * x + 1, ITERS times (2 graph nodes each), then y.backward(), with torch.

Usage: chain_torch.py scalar|array ITERS   (array: 100x100 float64)
x = 1.0000001 keeps every value and gradient far from subnormals.
"""
import sys

import torch

from protocol import clock, report, rss_kb


def main(shape, iters):
    size = () if shape == "scalar" else (100, 100)
    x = (1.0000001 * torch.ones(size, dtype=torch.float64)).requires_grad_()
    y = torch.ones(size, dtype=torch.float64)
    report("rss_base_kb", rss_kb())
    t0 = clock()
    for _ in range(iters):
        y = y * x + 1
    t1 = clock()
    y.backward(torch.ones_like(y))
    t2 = clock()
    report("iters", iters)
    report("nodes", 2 * iters)
    report("forward", t1 - t0)
    report("backward", t2 - t1)
    report("y_sum", y.sum().item())
    report("grad_sum", x.grad.sum().item())


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
