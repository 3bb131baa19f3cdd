"""y = x @ W forward and backward by hand: y = x@W, gx = gy@W.T, gW = x.T@gy.

Usage: matmul_numpy.py N ITERS [DTYPE]   (DTYPE float64 (default) or float32; threads: OPENBLAS_NUM_THREADS, set by the harness)
"""
import sys

import numpy as np

from protocol import report_per_iteration


def step(x, W):
    y = x @ W
    gy = np.ones_like(y)
    gx = gy @ W.T
    gW = x.T @ gy
    return y, gx, gW


def main(n, iters, dtype="float64"):
    np.random.seed(0)
    x = np.random.randn(n, n).astype(dtype)
    W = np.random.randn(n, n).astype(dtype)
    report_per_iteration(lambda: step(x, W), iters)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), *sys.argv[3:4])
