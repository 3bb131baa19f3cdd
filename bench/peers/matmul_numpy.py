"""y = x @ W forward and backward by hand: y = x@W, gx = gy@W.T, gW = x.T@gy.

Usage: matmul_numpy.py N ITERS   (threads: OPENBLAS_NUM_THREADS, set by the harness)
"""
import sys

import numpy as np

from protocol import clock, report


def step(x, W):
    y = x @ W
    gy = np.ones_like(y)
    gx = gy @ W.T
    gW = x.T @ gy
    return y, gx, gW


def main(n, iters):
    np.random.seed(0)
    x = np.random.randn(n, n)
    W = np.random.randn(n, n)
    step(x, W)  # warm-up: thread pool, page faults
    t0 = clock()
    for _ in range(iters):
        step(x, W)
    t1 = clock()
    report("iters", iters)
    report("per_iter", (t1 - t0) / iters)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
