"""The chain y = y * x + 1, ITERS times (2 graph nodes each), then y.backward(), with DeZero.

Usage: chain_dezero.py scalar|array ITERS   (array: 100x100 float64)
x = 1.0000001 keeps every value and gradient far from subnormals.
"""
import sys

import numpy as np

from dezero_shim import dezero
from protocol import clock, report, rss_kb


def main(shape, iters):
    size = () if shape == "scalar" else (100, 100)
    x = dezero.Variable(np.full(size, 1.0000001))
    y = dezero.Variable(np.ones(size))
    report("rss_base_kb", rss_kb())
    t0 = clock()
    for _ in range(iters):
        y = y * x + 1
    t1 = clock()
    y.backward()
    t2 = clock()
    report("iters", iters)
    report("nodes", 2 * iters)
    report("forward", t1 - t0)
    report("backward", t2 - t1)
    report("y_sum", y.data.sum())
    report("grad_sum", x.grad.data.sum())


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
