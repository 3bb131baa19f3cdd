"""y = x @ W forward and backward with DeZero (F.matmul + backward, numpy underneath).

Usage: matmul_dezero.py N ITERS   (threads: OPENBLAS_NUM_THREADS, set by the harness)
"""
import sys

import numpy as np

from dezero_shim import F, dezero
from protocol import report_per_iteration


def step(x, W):
    x.cleargrad()
    W.cleargrad()
    y = F.matmul(x, W)
    y.backward()  # seeds gy = ones_like(y)
    return y


def main(n, iters):
    np.random.seed(0)
    x = dezero.Variable(np.random.randn(n, n))
    W = dezero.Variable(np.random.randn(n, n))
    report_per_iteration(lambda: step(x, W), iters)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
